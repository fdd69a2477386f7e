package io.cxone.themes.assignment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for the stored assignment of each widget; writes take the caller's transaction so the audit event joins it. */
@ApplicationScoped
class AssignmentStore {

    Uni<Optional<StoredAssignment>> load(SqlClient client, String widgetId) {
        return client.preparedQuery("SELECT publication_id, cxone_theme_id, segment_id, geo_region, traffic_weight, "
                + "updated_at, updated_by FROM widget_assignments WHERE widget_id = $1 ORDER BY position")
                .execute(Tuple.of(widgetId)).map(rows -> {
                    List<Variant> variants = new ArrayList<>();
                    Instant at = null;
                    String by = null;
                    for (var r : rows) {
                        variants.add(new Variant(r.getUUID("publication_id"), r.getUUID("cxone_theme_id"),
                                r.getString("segment_id"), r.getString("geo_region"), r.getDouble("traffic_weight")));
                        at = r.getOffsetDateTime("updated_at").toInstant();
                        by = r.getString("updated_by");
                    }
                    return variants.isEmpty() ? Optional.empty()
                            : Optional.of(new StoredAssignment(widgetId, variants, at, by));
                });
    }

    /** Serialises writers of one widget (a transaction-scoped advisory lock), then replaces its rows. */
    Uni<Void> replace(SqlClient tx, String widgetId, List<Variant> variants, Instant now, String actor) {
        List<Tuple> rows = new ArrayList<>();
        OffsetDateTime at = Rows.utc(now);
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            rows.add(Tuple.from(new Object[] { widgetId, i, v.publicationId(), v.cxoneThemeId(), v.segmentId(),
                    v.geoRegion(), v.trafficWeight(), at, actor }));
        }
        return tx.preparedQuery("DELETE FROM widget_assignments WHERE widget_id = $1").execute(Tuple.of(widgetId))
                .chain(() -> tx.preparedQuery("INSERT INTO widget_assignments (widget_id, position, publication_id, "
                        + "cxone_theme_id, segment_id, geo_region, traffic_weight, updated_at, updated_by) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)").executeBatch(rows))
                .replaceWithVoid();
    }

    Uni<Void> lock(SqlClient tx, String widgetId) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 6))").execute(Tuple.of(widgetId))
                .replaceWithVoid();
    }
}
