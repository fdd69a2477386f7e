package io.cxone.themes.log;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One request id per HTTP request, chosen when the request arrives and kept for all of it: the caller's
 * {@code X-Request-Id} when it is a plain token (for correlation with the portal's logs), else the trace id when tracing
 * is on (so that a log line or audit event leads to its trace), else a random UUID. It goes into the log MDC
 * ({@value LogContext#REQUEST_ID}), into every audit event of the request ({@code audit.CurrentCaller}), into the jobs the
 * request queues, and back to the caller as the response's {@code X-Request-Id}.
 *
 * <p>Quarkus keeps the MDC of a request in its duplicated Vert.x context, so the value follows the request across
 * event-loop callbacks and worker threads, and never leaks into another request.
 */
@Singleton
public class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String KEY = RequestIds.class.getName();

    void install(@Observes Router router) {
        // first of all handlers (SecurityHeaders is MIN_VALUE + 1), so that every line logged while serving the request,
        // including body-size refusals, the simulator's routes and /q endpoints, carries the id
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String id = of(ctx);
            ctx.addHeadersEndHandler(ignored -> ctx.response().headers().set(HEADER, id));
            ctx.next();
        });
    }

    /** The request's id, chosen (and put into the MDC) on the first call; the same value on every later call. */
    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        if (id == null) {
            id = choose(ctx.request().getHeader(HEADER));
            ctx.put(KEY, id);
            MDC.put(LogContext.REQUEST_ID, id);
        }
        return id;
    }

    /** {@code header} when it is a plain token of 1-64 characters; else the current trace id, else a random UUID. */
    public static String choose(String header) {
        if (isPlain(header)) {
            return header;
        }
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : UUID.randomUUID().toString();
    }

    /** Whether {@code id} may be used as a request id as it is (no spaces, quotes or control characters; short). */
    public static boolean isPlain(String id) {
        return id != null && PLAIN.matcher(id).matches();
    }
}
