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
    private final long bulkMaxBytes;
    private final java.util.List<String> bulkPaths;

    public BodySizeLimit(@ConfigProperty(name = "app.max-body-size", defaultValue = "512K") MemorySize maxBodySize,
            @ConfigProperty(name = "app.bulk-max-body-size", defaultValue = "16M") MemorySize bulkMaxBodySize,
            @ConfigProperty(name = "app.bulk-body-paths", defaultValue = "/api/v1/sync-jobs") java.util.List<String> bulkPaths) {
        this.maxBytes = maxBodySize.asLongValue();
        this.bulkMaxBytes = bulkMaxBodySize.asLongValue();
        this.bulkPaths = java.util.List.copyOf(bulkPaths);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            // bulk endpoints (a sync job's 100,000 widget ids) take larger bodies than a theme ever needs
            long max = bulkPaths.contains(ctx.request().path()) ? bulkMaxBytes : maxBytes;
            if (length != null && exceeds(length, max)) {
                Problem problem = Problem.of(413, "Content Too Large", "The body has " + length + " bytes; at most "
                        + max + " are accepted. " + (max == maxBytes ? "A theme is a few KB: send only the theme."
                                : "Split the request into smaller ones."))
                        .withInstance(ctx.request().path());
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(Json.encode(problem));
                return;
            }
            ctx.next();
        });
    }

    private static boolean exceeds(String length, long max) {
        try {
            return Long.parseLong(length.strip()) > max;
        } catch (NumberFormatException malformed) {
            return false; // the HTTP layer rejects a malformed length itself
        }
    }
}
