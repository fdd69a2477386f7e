package io.cxone.themes.cxone;

import java.time.Duration;
import java.util.Optional;

/**
 * CXone answered with an error. Carries the status, CXone's error body (cut to a readable size) and, for 429/503,
 * how long CXone asked us to wait. Subclasses say whether trying again can help.
 */
public class CxoneException extends RuntimeException {
    static final int MAX_BODY = 2_000;
    private final int code;
    private final String body;
    private final transient Optional<Duration> retryAfter;

    protected CxoneException(String message, int code, String body, Optional<Duration> retryAfter) {
        super(message);
        this.code = code;
        this.body = body == null ? "" : body.length() > MAX_BODY ? body.substring(0, MAX_BODY) + "…" : body;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status CXone answered, or 0 when no answer arrived. */
    public int code() {
        return code;
    }

    public String body() {
        return body;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** 429: CXone asks us to slow down. Retried after its Retry-After, but no sign of an outage for the breaker. */
    public static final class Throttled extends CxoneException {
        public Throttled(String message, String body, Optional<Duration> retryAfter) {
            super(message, 429, body, retryAfter);
        }
    }

    /** 5xx, and no answer at all: worth another attempt after a pause. */
    public static final class Transient extends CxoneException {
        public Transient(String message, int code, String body, Optional<Duration> retryAfter) {
            super(message, code, body, retryAfter);
        }
    }

    /** 401: our token was refused; the filter refreshes it and we try exactly once more. */
    public static final class Unauthorized extends CxoneException {
        public Unauthorized(String body) {
            super("CXone refused our access token (401)", 401, body, Optional.empty());
        }
    }

    /** Any other 4xx (400, 403, 404, 409 …): the same request would fail again, so it is never retried. */
    public static final class Rejected extends CxoneException {
        public Rejected(String message, int code, String body) {
            super(message, code, body, Optional.empty());
        }
    }
}
