package io.cxone.themes.jobs;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

import io.cxone.themes.log.LogContext;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Traces job steps as children of the request that queued the job. A job runs long after its request ended, on any
 * instance, so the request's W3C {@code traceparent} is stored with the job ({@link #currentTraceParent}) and each step
 * runs in a span whose parent it is ({@link #traced}); the CXone calls and queries of the step are that span's
 * children. With tracing off (the default) this costs nothing: no lookup, no span.
 */
@ApplicationScoped
public class JobTracing {
    private final Tracer tracer;
    private final Vertx vertx;
    private final boolean enabled;

    JobTracing(Tracer tracer, Vertx vertx, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        this.tracer = tracer;
        this.vertx = vertx;
        this.enabled = !disabled;
    }

    /** The current request's traceparent ({@code 00-<trace>-<span>-<flags>}), or null when there is no trace. */
    public String currentTraceParent() {
        SpanContext span = Span.current().getSpanContext();
        return enabled && span.isValid()
                ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex() : null;
    }

    /**
     * {@code work} in a span named {@code name}, child of the stored {@code traceParent} (looked up only when tracing
     * is on), on a fresh duplicated Vert.x context so that every callback of the step sees the span as current, and
     * whose log MDC carries {@code requestId}, the id of the request that queued the job ({@link LogContext}).
     */
    public <T> Uni<T> traced(String name, String requestId, Supplier<Uni<String>> traceParent, Supplier<Uni<T>> work) {
        if (!enabled) {
            return LogContext.withRequestId(vertx, requestId, work);
        }
        return traceParent.get().onFailure().recoverWithNull().chain(stored -> {
            SpanContext parent = parse(stored);
            if (parent == null) {
                return LogContext.withRequestId(vertx, requestId, work);
            }
            io.vertx.core.Context step = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            return Uni.createFrom().<T>emitter(emitter -> step.runOnContext(ignored -> {
                if (requestId != null) {
                    MDC.put(LogContext.REQUEST_ID, requestId);
                }
                Span span = tracer.spanBuilder(name).setParent(Context.root().with(Span.wrap(parent))).startSpan();
                Scope scope = Context.root().with(span).makeCurrent();
                work.get().subscribe().with(item -> {
                    span.end();
                    scope.close();
                    emitter.complete(item);
                }, failure -> {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR);
                    span.end();
                    scope.close();
                    emitter.fail(failure);
                });
            }));
        });
    }

    /** A stored traceparent as a remote span context; null when absent or not a version-00 traceparent. */
    static SpanContext parse(String traceParent) {
        if (traceParent == null || !traceParent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")) {
            return null;
        }
        String[] parts = traceParent.split("-");
        SpanContext context = SpanContext.createFromRemoteParent(parts[1], parts[2],
                TraceFlags.fromHex(parts[3], 0), TraceState.getDefault());
        return context.isValid() ? context : null;
    }
}
