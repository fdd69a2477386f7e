package io.cxone.themes.web;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.cxone.themes.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * Every request body counts against its path's limit however it is framed: {@code app.max-body-size} (512K), or
 * {@code app.bulk-max-body-size} (16M) on {@code app.bulk-body-paths}. A declared {@code Content-Length} over the limit
 * is refused before a byte is read; a chunked body (no length up front) is counted as it arrives and refused as soon
 * as it passes the limit, without waiting for the rest. Either way the answer is a 413 problem document and the
 * connection is closed, so a client cannot keep streaming into it.
 * <p>
 * The body read here is handed on with {@link RoutingContext#setBody}: Quarkus REST reads the request's body from
 * there when it is set, so the endpoints never see more than the limit. {@code quarkus.http.limits.max-body-size}
 * stays only as the HTTP layer's last backstop.
 */
@Singleton
public class BodySizeLimit {
    private static final String FORM = "application/x-www-form-urlencoded";
    private final long maxBytes;
    private final long bulkMaxBytes;
    private final List<String> bulkPaths;

    public BodySizeLimit(@ConfigProperty(name = "app.max-body-size", defaultValue = "512K") MemorySize maxBodySize,
            @ConfigProperty(name = "app.bulk-max-body-size", defaultValue = "16M") MemorySize bulkMaxBodySize,
            @ConfigProperty(name = "app.bulk-body-paths", defaultValue = "/api/v1/sync-jobs") List<String> bulkPaths) {
        this.maxBytes = maxBodySize.asLongValue();
        this.bulkMaxBytes = bulkMaxBodySize.asLongValue();
        this.bulkPaths = List.copyOf(bulkPaths);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::limit);
    }

    /** The limit for a path: bulk endpoints (a sync job's 100,000 widget ids) take larger bodies than a theme ever needs. */
    long limitFor(String normalizedPath) {
        return bulkPaths.contains(normalizedPath) ? bulkMaxBytes : maxBytes;
    }

    private void limit(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long max = limitFor(ctx.normalizedPath());
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceeds(length, max)) {
            refuse(ctx, max, "The body declares " + length.strip() + " bytes");
            return;
        }
        // HTTP/2 is off (quarkus.http.http2=false): Quarkus REST pauses every request it serves, which Vert.x refuses
        // on an HTTP/2 stream already read to its end, so such a stream could only be left to the 17M backstop. Should
        // someone switch HTTP/2 back on, those bodies keep the declared-length check above and the backstop
        if (request.isEnded() || request.version() == HttpVersion.HTTP_2 || !hasBody(request, length)) {
            ctx.next();
            return;
        }
        if (ctx instanceof RoutingContextInternal internal) {
            // a route's own BodyHandler (the simulator's) takes the body read here instead of reading it again
            internal.visitHandler(RoutingContextInternal.BODY_HANDLER);
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.regionMatches(true, 0, FORM, 0, FORM.length())) {
            // decoded by Vert.x as it arrives, as a BodyHandler would: the simulator's token endpoint reads the form
            request.setExpectMultipart(true);
        }
        Buffer body = Buffer.buffer();
        long[] received = { 0 };
        boolean[] refused = { false };
        boolean[] ended = { false };
        // counted chunk by chunk: a chunked body has no length to check up front
        request.handler(chunk -> {
            received[0] += chunk.length();
            if (refused[0]) {
                // the rest of a refused body is read and dropped, so the client can read the 413 before the connection
                // closes (closing on unread data resets it); a client that keeps sending is cut off after another limit
                if (received[0] > 2 * max) {
                    request.connection().close();
                }
            } else if (received[0] > max) {
                refused[0] = true;
                refuse(ctx, max, "The body passed " + max + " bytes before it ended");
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(failure -> {
            // a failure while the body arrives is a bad request; once it has ended, the handler still hears of the
            // connection closing, which during a long answer (an event stream: java.net.http sends every GET with
            // Content-Length: 0) is the client leaving, not an error to fail the request with and log
            if (!ended[0] && !refused[0] && !ctx.failed() && !ctx.response().ended()) {
                ctx.fail(400, failure);
            }
        });
        request.endHandler(end -> {
            ended[0] = true;
            if (refused[0]) {
                request.connection().close();
            } else {
                ctx.setBody(body);
                ctx.next();
            }
        });
        request.resume();
    }

    /** A GET without a length or transfer coding has no body; anything that may carry one is counted. */
    private static boolean hasBody(HttpServerRequest request, String length) {
        return length != null || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private void refuse(RoutingContext ctx, long max, String what) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        Problem problem = Problem.of(413, "Content Too Large", what + "; at most " + max + " are accepted on this path. "
                + (max == maxBytes ? "A theme is a few KB: send only the theme." : "Split the request into smaller ones."))
                .withInstance(ctx.normalizedPath());
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader(HttpHeaders.CONNECTION, "close").end(Json.encode(problem));
    }

    private static boolean exceeds(String length, long max) {
        try {
            return Long.parseLong(length.strip()) > max;
        } catch (NumberFormatException malformed) {
            return false; // the HTTP layer rejects a malformed length itself
        }
    }
}
