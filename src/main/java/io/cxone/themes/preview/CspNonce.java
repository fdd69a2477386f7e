package io.cxone.themes.preview;

import java.security.SecureRandom;
import java.util.Base64;

import io.vertx.ext.web.RoutingContext;

/** The per-response nonce that lets exactly the page's own style element through the Content-Security-Policy. */
public final class CspNonce {
    static final String KEY = CspNonce.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

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

    /** 128 random bits, base64url: no character that HTML escaping or a header could alter. */
    static String fresh() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
