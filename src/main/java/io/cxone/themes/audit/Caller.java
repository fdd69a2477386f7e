package io.cxone.themes.audit;

import java.util.UUID;
import java.util.regex.Pattern;

import io.cxone.themes.security.TokenSubject;

/**
 * Who asks and under which request id. The actor is the verified token's subject, never a header the caller sets;
 * the request id may come from {@code X-Request-Id} (for correlation with portal logs) when it is a plain token.
 */
public record Caller(String actor, String requestId) {
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

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
        String requestId = requestIdHeader != null && REQUEST_ID.matcher(requestIdHeader).matches() ? requestIdHeader
                : traceIdOrRandom();
        return new Caller(actor, requestId);
    }

    /** With tracing on, the request's trace id, so that an audit event leads to its trace; otherwise a random UUID. */
    private static String traceIdOrRandom() {
        io.opentelemetry.api.trace.SpanContext span = io.opentelemetry.api.trace.Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : UUID.randomUUID().toString();
    }
}
