package io.cxone.themes.audit;

import io.cxone.themes.log.RequestIds;
import io.cxone.themes.security.TokenSubject;

/**
 * Who asks and under which request id. The actor is the verified token's subject, never a header the caller sets;
 * the request id may come from {@code X-Request-Id} (for correlation with portal logs) when it is a plain token.
 */
public record Caller(String actor, String requestId) {
    /** For work the service does on its own (jobs resumed after a restart). */
    public static Caller system(String requestId) {
        return new Caller("system:cxone-theme-service", requestId);
    }

    /** @throws IllegalArgumentException when the subject is not {@linkplain TokenSubject#isSane sane}: never a made-up actor */
    public static Caller of(String subject, String requestIdHeader) {
        if (!TokenSubject.isSane(subject)) {
            throw new IllegalArgumentException("the token's subject is missing or not a sane identifier");
        }
        String actor = subject;
        return new Caller(actor, RequestIds.choose(requestIdHeader));
    }
}
