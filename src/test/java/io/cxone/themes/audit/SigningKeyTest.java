package io.cxone.themes.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint keys from PEM files, signatures checked, tampering noticed; and when the timer signs one. */
class SigningKeyTest {
    private static final String HASH = "ab".repeat(32);

    @TempDir
    Path tmp;

    @Test
    void anEcdsaP256KeyFromAPemFileSignsAndChecks() throws Exception {
        KeyPair pair = ec();
        SigningKey key = new SigningKey(Optional.of(pem(pair, pair, false).toString()));
        assertEquals("SHA256withECDSA", key.algorithm());
        Checkpoint c = key.sign(1, 7, HASH, Instant.parse("2026-11-29T20:00:00.123456Z"));
        assertEquals(SigningKey.Trust.VALID, key.check(c));
        assertEquals(SigningKey.Trust.FORGED, key.check(new Checkpoint(1, 8, HASH, c.time(), c.keyId(), c.signature())));
        assertEquals(SigningKey.Trust.FORGED, key.check(new Checkpoint(1, 7, HASH, c.time(), c.keyId(), "!!")));
        assertEquals(SigningKey.Trust.OTHER_KEY,
                key.check(new Checkpoint(1, 7, HASH, c.time(), "0000000000000000", c.signature())));
        assertEquals("{\"hash\":\"" + HASH + "\",\"id\":1,\"keyId\":\"" + key.keyId()
                + "\",\"seq\":7,\"time\":\"2026-11-29T20:00:00.123456Z\"}", c.payload());
    }

    @Test
    void aPrivateKeyWithAnotherKeysPublicHalfIsRefusedAtStart() throws Exception {
        KeyPair a = ec();
        Path file = pem(a, ec(), false);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SigningKey(Optional.of(file.toString())));
        assertTrue(e.getMessage().contains("do not belong together"), e.getMessage());
    }

    @Test
    void aFileWithoutThePublicKeySaysHowToAddIt() throws Exception {
        KeyPair a = ec();
        Path file = pem(a, a, true);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SigningKey(Optional.of(file.toString())));
        assertTrue(e.getMessage().contains("-pubout"), e.getMessage());
    }

    @Test
    void aCheckpointIsDueAfterTheEventCountOrTheIntervalAndOnlyWhenTheHeadMoved() {
        Instant t0 = Instant.parse("2026-11-29T20:00:00Z");
        Checkpoint last = new Checkpoint(3, 100, HASH, t0, "k", "s");
        Duration minute = Duration.ofSeconds(60);
        assertTrue(Checkpointer.due(110, last, t0, t0.plusSeconds(1), minute, 10), "ten events");
        assertTrue(!Checkpointer.due(109, last, t0, t0.plusSeconds(59), minute, 10), "nine events, 59 s");
        assertTrue(Checkpointer.due(101, last, t0, t0.plusSeconds(60), minute, 10), "one event, 60 s");
        assertTrue(!Checkpointer.due(100, last, t0, t0.plusSeconds(600), minute, 10), "head did not move");
        assertTrue(!Checkpointer.due(1, null, t0, t0.plusSeconds(59), minute, 10), "first one: counted from start");
        assertTrue(Checkpointer.due(1, null, t0, t0.plusSeconds(60), minute, 10));
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private Path pem(KeyPair privateFrom, KeyPair publicFrom, boolean privateOnly) throws Exception {
        Base64.Encoder b64 = Base64.getMimeEncoder(64, new byte[] { '\n' });
        String pem = "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(privateFrom.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n" + (privateOnly ? "" : "-----BEGIN PUBLIC KEY-----\n"
                        + b64.encodeToString(publicFrom.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Path file = Files.createTempFile(tmp, "key", ".pem");
        Files.writeString(file, pem);
        return file;
    }
}
