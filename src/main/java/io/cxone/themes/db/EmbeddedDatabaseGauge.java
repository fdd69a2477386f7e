package io.cxone.themes.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code db.embedded}: 1 when this instance runs on the embedded PostgreSQL (no datasource URL configured), 0 on a
 * configured database. A production pod reporting 1 is misconfigured (its data lives and dies with it).
 */
@ApplicationScoped
class EmbeddedDatabaseGauge {
    /** Set only by {@link EmbeddedPostgresConfigSourceFactory} when it started the embedded server. */
    static final String ACTIVE_KEY = "app.embedded-db.active";

    private final MeterRegistry registry;
    private final boolean embedded;

    EmbeddedDatabaseGauge(MeterRegistry registry, @ConfigProperty(name = ACTIVE_KEY, defaultValue = "false") boolean embedded) {
        this.registry = registry;
        this.embedded = embedded;
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("db.embedded", () -> embedded ? 1 : 0)
                .description("1 when this instance uses the embedded PostgreSQL, 0 on a configured database")
                .register(registry);
    }
}
