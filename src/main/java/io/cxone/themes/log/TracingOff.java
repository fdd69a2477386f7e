package io.cxone.themes.log;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.arc.Unremovable;

/**
 * The OpenTelemetry of the service: with tracing off (quarkus.otel.sdk.disabled, the default; docs/observability.md)
 * the API's no-op, otherwise Quarkus's SDK, exactly as Quarkus builds it.
 * <p>
 * Quarkus 3.34.1 creates its OpenTelemetry bean at every start, also with the SDK disabled: the Vert.x tracing setup (a
 * RUNTIME_INIT step) asks for the bean before it reads the switch, and the bean then runs the SDK's autoconfiguration,
 * which with the SDK disabled builds an SDK that records nothing (~200 classes of the SDK and its autoconfiguration on
 * the way to readiness). With the SDK disabled Quarkus instruments nothing (no Vert.x, REST client or SQL tracer) and
 * the service creates no span of its own (JobTracing and RequestIds read the same switch), so the no-op API answers
 * every caller the same way: invalid span contexts, spans that record nothing. The switch stays a run-time one:
 * OTEL_SDK_DISABLED=false makes this producer hand out Quarkus's own bean (a default bean, which this alternative
 * hides from injection but which stays in the container), with its exporters, sampler and customizers (TracingTest).
 */
@Singleton
class TracingOff {

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    @Unremovable // Quarkus looks it up programmatically (BeanContainer), which ArC's unused-bean removal does not see
    OpenTelemetry openTelemetry(@ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        if (disabled) {
            return OpenTelemetry.noop();
        }
        for (Bean<?> bean : Arc.container().beanManager().getBeans(OpenTelemetry.class)) {
            if (bean instanceof InjectableBean<?> injectable && injectable.isDefaultBean()) {
                @SuppressWarnings("unchecked")
                InjectableBean<OpenTelemetry> quarkus = (InjectableBean<OpenTelemetry>) injectable;
                return Arc.container().instance(quarkus).get();
            }
        }
        throw new IllegalStateException("tracing is on (quarkus.otel.sdk.disabled=false) but Quarkus's OpenTelemetry bean is missing");
    }
}
