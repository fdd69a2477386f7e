package io.cxone.themes.problem;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * Refuses a declared body over {@code app.max-body-size} with a 413 problem document before anything reads it. The
 * HTTP layer's own limit ({@code quarkus.http.limits.max-body-size}, set higher) stays as the backstop for chunked
 * bodies, which carry no length up front.
 */
@Singleton
public class BodySizeLimit {
    private final long maxBytes;

    public BodySizeLimit(@ConfigProperty(name = "app.max-body-size", defaultValue = "512K") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && exceeds(length)) {
                Problem problem = Problem.of(413, "Content Too Large", "The body has " + length + " bytes; at most "
                        + maxBytes + " are accepted. A theme is a few KB: send only the theme.")
                        .withInstance(ctx.request().path());
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(Json.encode(problem));
                return;
            }
            ctx.next();
        });
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBytes;
        } catch (NumberFormatException malformed) {
            return false; // the HTTP layer rejects a malformed length itself
        }
    }
}
