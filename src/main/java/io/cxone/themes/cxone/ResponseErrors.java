package io.cxone.themes.cxone;

import java.time.Instant;

import jakarta.ws.rs.core.Response;

/** Turns a CXone error response into the typed exception that says whether a retry can help. */
final class ResponseErrors {
    private ResponseErrors() {
    }

    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        String body = readBody(response);
        if (status == 401) {
            return new CxoneException.Unauthorized(body);
        }
        if (status == 429) {
            return new CxoneException.Throttled("CXone answered 429 Too Many Requests", body,
                    RetryAfter.parse(response.getHeaderString("Retry-After"), Instant.now()));
        }
        if (status >= 500) {
            return new CxoneException.Transient(
                    "CXone answered " + status + " " + response.getStatusInfo().getReasonPhrase(), status, body,
                    RetryAfter.parse(response.getHeaderString("Retry-After"), Instant.now()));
        }
        return new CxoneException.Rejected(
                "CXone rejected the request with " + status + " " + response.getStatusInfo().getReasonPhrase(), status, body);
    }

    private static String readBody(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (RuntimeException unreadable) {
            return "";
        }
    }
}
