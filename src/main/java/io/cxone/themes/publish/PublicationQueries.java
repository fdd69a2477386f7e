package io.cxone.themes.publish;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Read-only questions other packages ask about publications. The {@code publications} table belongs to this package
 * (its job SQL is in {@link PublicationRepository}); assignments, sync jobs and performance reports call these instead
 * of writing their own SQL against it.
 */
@ApplicationScoped
public class PublicationQueries {
    public static final String ACTIVE = "ACTIVE";

    /** What assignments and sync jobs need to know about a publication. */
    public record PublicationRef(UUID id, String widgetId, String state, UUID cxoneThemeId) {
        public boolean active() {
            return ACTIVE.equals(state);
        }
    }

    /** Which publication made a CXone theme, and from which theme version: for the performance report. */
    public record CxoneThemeLink(UUID publicationId, UUID themeId, int themeVersion) {
    }

    /** The publications among {@code ids} that exist, by id. */
    public Uni<Map<UUID, PublicationRef>> find(SqlClient client, Collection<UUID> ids) {
        return client.preparedQuery("SELECT id, widget_id, state, cxone_theme_id FROM publications WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, PublicationRef> found = new HashMap<>();
                    rows.forEach(r -> found.put(r.getUUID("id"), new PublicationRef(r.getUUID("id"),
                            r.getString("widget_id"), r.getString("state"), r.getUUID("cxone_theme_id"))));
                    return found;
                });
    }

    /** The widget's current version: its most recently activated ACTIVE publication, if any. */
    public Uni<java.util.Optional<PublicationRef>> currentActive(SqlClient client, String widgetId) {
        return currentActive(client, widgetId, java.util.List.of());
    }

    /**
     * The widget's most recently activated ACTIVE publication other than {@code excluded}, if any: for a caller that
     * knows some ACTIVE publications reach no visitor (a rolled-back rollout's variant stays ACTIVE in CXone at 0 %
     * weight), and so must not be taken for the widget's current version.
     */
    public Uni<java.util.Optional<PublicationRef>> currentActive(SqlClient client, String widgetId,
            Collection<UUID> excluded) {
        return client.preparedQuery("SELECT id, widget_id, state, cxone_theme_id FROM publications WHERE widget_id = $1 "
                + "AND state = 'ACTIVE' AND NOT (id = ANY($2)) ORDER BY activated_at DESC NULLS LAST, created_at DESC "
                + "LIMIT 1")
                .execute(Tuple.of(widgetId, excluded.toArray(UUID[]::new))).map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return java.util.Optional.<PublicationRef>empty();
                    }
                    var r = it.next();
                    return java.util.Optional.of(new PublicationRef(r.getUUID("id"), r.getString("widget_id"),
                            r.getString("state"), r.getUUID("cxone_theme_id")));
                });
    }

    /**
     * The widget's publications by the CXone theme id they created (the newest when one was republished); a
     * publication that never reached CXone has no CXone theme id and is left out.
     */
    public Uni<Map<String, CxoneThemeLink>> byCxoneTheme(SqlClient client, String widgetId) {
        return client.preparedQuery("SELECT id, theme_id, theme_version, cxone_theme_id FROM publications "
                + "WHERE widget_id = $1 ORDER BY created_at").execute(Tuple.of(widgetId)).map(rows -> {
                    Map<String, CxoneThemeLink> byCxoneId = new LinkedHashMap<>();
                    rows.forEach(r -> {
                        UUID cxoneTheme = r.getUUID("cxone_theme_id");
                        if (cxoneTheme != null) {
                            byCxoneId.put(cxoneTheme.toString(), new CxoneThemeLink(r.getUUID("id"),
                                    r.getUUID("theme_id"), r.getInteger("theme_version")));
                        }
                    });
                    return byCxoneId;
                });
    }
}
