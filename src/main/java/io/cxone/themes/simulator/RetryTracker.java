package io.cxone.themes.simulator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Remembers each 429's request fingerprint and not-before instant, to count clients that retry too early. */
@Singleton
public class RetryTracker {
    private static final int MAX_REMEMBERED = 10_000;

    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();

    static String fingerprint(RoutingContext ctx, String clientId) {
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        String bodyHash = body == null ? "-" : sha256(body.getBytes());
        return clientId + ' ' + ctx.request().method().name() + ' ' + ctx.request().uri() + ' ' + bodyHash;
    }

    /** True when this fingerprint was told to wait and the wait is not over yet. */
    boolean isEarly(String fingerprint, Instant now) {
        Instant until = notBefore.get(fingerprint);
        if (until == null) {
            return false;
        }
        if (!now.isBefore(until)) {
            notBefore.remove(fingerprint, until);
            return false;
        }
        return true;
    }

    void throttled(String fingerprint, Instant until) {
        if (notBefore.size() >= MAX_REMEMBERED) {
            notBefore.clear(); // observability aid only: forgetting old fingerprints is better than growing forever
        }
        notBefore.put(fingerprint, until);
    }

    void clear() {
        notBefore.clear();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
