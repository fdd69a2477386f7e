package io.cxone.themes.db;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * APP_MIGRATE=start (dev mode, tests, the embedded database, a plain {@code java -jar}): migrates before anything else
 * starts, as Quarkus's Flyway extension did, and before the HTTP socket opens (startup observers run first), so the
 * first request already finds the schema. APP_MIGRATE=check only says that it waits; APP_MIGRATE=only never gets here
 * in a packaged jar (db.MigrateOnly runs before Quarkus).
 */
@ApplicationScoped
class MigrateAtStart {
    private static final Logger LOG = Logger.getLogger(MigrateAtStart.class);

    private final Schema schema;
    private final Config config;

    MigrateAtStart(Schema schema, Config config) {
        this.schema = schema;
        this.config = config;
    }

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        switch (schema.mode()) {
            case START -> {
                JdbcTarget target = JdbcTarget.from(name -> config.getOptionalValue(name, String.class))
                        .orElseThrow(() -> new IllegalStateException("no database to migrate: set "
                                + "QUARKUS_DATASOURCE_REACTIVE_URL (and QUARKUS_DATASOURCE_USERNAME / _PASSWORD)"));
                LOG.infof("APP_MIGRATE=start: %s", Migrator.migrate(target));
                schema.markCurrent();
            }
            case CHECK -> LOG.infof("APP_MIGRATE=check: this instance never migrates; it is ready, and runs jobs, once "
                    + "the schema is at version %d (readiness check 'schema')", Schema.REQUIRED_VERSION);
            case ONLY -> throw new IllegalStateException("APP_MIGRATE=only is handled by the packaged jar's entry point "
                    + "(java -jar quarkus-run.jar, the container images); in dev mode and tests use start");
        }
    }
}
