package io.cxone.themes.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Spans in memory for the tracing test: Quarkus exports to every {@code SpanExporter} bean. Tracing is off in every
 * other test application ({@code quarkus.otel.sdk.disabled}), so nothing reaches this exporter there.
 */
@ApplicationScoped
public class InMemorySpans {
    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
