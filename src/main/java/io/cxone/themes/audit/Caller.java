package io.cxone.themes.audit;

import java.util.UUID;
import java.util.regex.Pattern;

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

    public static Caller of(String subject, String requestIdHeader) {
        String actor = subject == null || subject.isBlank() ? "unknown" : subject;
        String requestId = requestIdHeader != null && REQUEST_ID.matcher(requestIdHeader).matches() ? requestIdHeader
                : UUID.randomUUID().toString();
        return new Caller(actor, requestId);
    }
}
