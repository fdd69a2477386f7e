package io.cxone.themes.log;

import java.util.function.Supplier;

import org.jboss.logging.MDC;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The MDC keys every log line of a request or job carries (in JSON logs under {@code mdc}), beside the
 * {@code traceId}/{@code spanId} OpenTelemetry adds when tracing is on. Values are identifiers only: never a token, a
 * header value other than a checked request id, or a secret.
 */
public final class LogContext {
    /** The request's id ({@link RequestIds}); for a job, the id of the request that queued it. */
    public static final String REQUEST_ID = "requestId";
    /** The verified token's {@code sub} (security.TokenClaimsCheck), once the request is authenticated. */
    public static final String SUBJECT = "subject";

    private LogContext() {
    }

    /**
     * {@code work} on a fresh duplicated Vert.x context whose MDC carries {@code requestId}: every line the work logs, in
     * every callback, names the request that queued it. Jobs run on timers long after their request ended, so without
     * this their lines would carry no id, or (on a shared context) another job's.
     */
    public static <T> Uni<T> withRequestId(Vertx vertx, String requestId, Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        return Uni.createFrom().<T>emitter(emitter -> context.runOnContext(ignored -> {
            if (requestId != null) {
                MDC.put(REQUEST_ID, requestId);
            }
            Uni<T> started;
            try {
                started = work.get();
            } catch (RuntimeException e) {
                emitter.fail(e);
                return;
            }
            started.subscribe().with(emitter::complete, emitter::fail);
        }));
    }
}
