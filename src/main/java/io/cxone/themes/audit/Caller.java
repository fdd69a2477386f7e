package io.cxone.themes.audit;

import io.cxone.themes.log.RequestIds;
import io.cxone.themes.security.TokenSubject;

/**
 * Who asks and under which request id. The actor is the verified token's subject, never a header the caller sets;
 * the request id may come from {@code X-Request-Id} (for correlation with portal logs) when it is a plain token.
 */
public record Caller(String actor, String requestId, String actorName) {
    /** Longest display name kept: it is the person's to choose at the provider. */
    static final int NAME_LIMIT = 200;

    public Caller(String actor, String requestId) {
        this(actor, requestId, null);
    }

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

    /**
     * This caller with the person's name from the verified token (e.g. "Alice Admin (alice)"), recorded in each audit
     * event's details as {@code actorName} next to the subject: a subject says who for a machine, the name for a
     * reader. Control characters are dropped and the length is capped; null or blank leaves the caller unnamed.
     */
    public Caller named(String name) {
        if (name == null) {
            return this;
        }
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c)).limit(NAME_LIMIT).forEach(clean::appendCodePoint);
        String trimmed = clean.toString().strip();
        return trimmed.isEmpty() ? this : new Caller(actor, requestId, trimmed);
    }
}
