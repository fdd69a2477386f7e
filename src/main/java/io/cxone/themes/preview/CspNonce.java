package io.cxone.themes.preview;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.ext.web.RoutingContext;

/** The per-response nonce that lets exactly the page's own style element through the Content-Security-Policy. */
public final class CspNonce {
    static final String KEY = CspNonce.class.getName();
    /**
     * Made on first use, not in a static initializer: the native build initializes classes at build time, and a
     * SecureRandom created there would be frozen into the executable with its seed state (GraalVM refuses such an
     * instance in the image heap; were it accepted, every process would start from the same state).
     */
    private static final AtomicReference<SecureRandom> RANDOM = new AtomicReference<>();

    private CspNonce() {
    }

    /** This request's nonce, made on first use; the header and the page read the same one. */
    public static String of(RoutingContext ctx) {
        String nonce = ctx.get(KEY);
        if (nonce == null) {
            nonce = fresh();
            ctx.put(KEY, nonce);
        }
        return nonce;
    }

    private static SecureRandom random() {
        SecureRandom random = RANDOM.get();
        if (random == null) {
            RANDOM.compareAndSet(null, new SecureRandom()); // a lost race only discards a spare instance
            random = RANDOM.get();
        }
        return random;
    }

    /** 128 random bits, base64url: no character that HTML escaping or a header could alter. */
    static String fresh() {
        byte[] bytes = new byte[16];
        random().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
