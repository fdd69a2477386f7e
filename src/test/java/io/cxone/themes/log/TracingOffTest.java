package io.cxone.themes.log;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.JwtTestKeys;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With tracing off (the default) the service's OpenTelemetry is the API's no-op, for injection and for Quarkus's own
 * programmatic lookup alike, so no SDK is built at start (TracingOff); TracingTest turns it on at run time.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class TracingOffTest {

    @Inject
    OpenTelemetry openTelemetry;

    @Inject
    Tracer tracer;

    @Test
    void theOpenTelemetryIsTheNoOpOneAndItsSpansRecordNothing() {
        assertSame(OpenTelemetry.noop(), openTelemetry);
        assertSame(OpenTelemetry.noop(), Arc.container().instance(OpenTelemetry.class).get());
        Span span = tracer.spanBuilder("probe").startSpan();
        assertFalse(span.getSpanContext().isValid());
        assertFalse(span.isRecording());
        span.end();
    }
}
