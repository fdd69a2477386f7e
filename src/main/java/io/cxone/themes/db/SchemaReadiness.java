package io.cxone.themes.db;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness check {@code schema}: DOWN while the database's schema is behind what this build needs, naming both
 * versions and what to do, so that {@code kubectl describe pod} (or the probe's body) says why a new replica waits.
 * A database that is ahead (a newer release migrated it during a rolling update) is fine: migrations only add.
 */
@Readiness
@ApplicationScoped
public class SchemaReadiness implements AsyncHealthCheck {
    private final Schema schema;

    SchemaReadiness(Schema schema) {
        this.schema = schema;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return schema.found().map(found -> {
            var response = HealthCheckResponse.named("schema").status(found.current())
                    .withData("required", String.valueOf(Schema.REQUIRED_VERSION))
                    .withData("found", found.describe())
                    .withData("mode", schema.mode().name().toLowerCase(java.util.Locale.ROOT));
            if (!found.current()) {
                response.withData("action", "this replica needs schema version " + Schema.REQUIRED_VERSION
                        + " and never migrates (APP_MIGRATE=check): run this release's migration once, e.g. the image "
                        + "with APP_MIGRATE=only (the Kubernetes overlays' migration Job)");
            }
            return response.build();
        }).onFailure().recoverWithItem(e -> HealthCheckResponse.named("schema").down()
                .withData("required", String.valueOf(Schema.REQUIRED_VERSION))
                .withData("found", "unknown: the database did not answer")
                .build());
    }
}
