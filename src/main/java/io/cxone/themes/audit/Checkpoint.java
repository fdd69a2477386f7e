package io.cxone.themes.audit;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A signed statement "the chain's event {@code seq} has hash {@code hash}", numbered {@code id} from 1 without gaps.
 * {@code signature} (base64) is over {@link #payload()} with the key {@code keyId} names; anyone holding the public key
 * (GET /api/v1/audit/checkpoints) can check it, and nobody without the private key can make one.
 */
public record Checkpoint(long id, long seq, String hash, Instant time, String keyId, String signature) {

    public Checkpoint {
        time = time == null ? null : time.truncatedTo(ChronoUnit.MICROS); // as timestamptz stores it
    }

    /**
     * The signed bytes (UTF-8 of this text): canonical JSON with sorted keys and no whitespace, {@code
     * {"hash":"<hex>","id":<n>,"keyId":"<id>","seq":<n>,"time":"<ISO-8601 instant>"}}. Every value is hex, a number,
     * an instant or a key id, so none needs escaping.
     */
    public String payload() {
        return "{\"hash\":\"" + hash + "\",\"id\":" + id + ",\"keyId\":\"" + keyId + "\",\"seq\":" + seq
                + ",\"time\":\"" + DateTimeFormatter.ISO_INSTANT.format(time) + "\"}";
    }

    Checkpoint signedWith(String signature) {
        return new Checkpoint(id, seq, hash, time, keyId, signature);
    }
}
