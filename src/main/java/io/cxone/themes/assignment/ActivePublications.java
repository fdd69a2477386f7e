package io.cxone.themes.assignment;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Looks up publications (issue 5 fills the table) to check they are live and learn their CXone theme ids. */
@ApplicationScoped
public class ActivePublications {
    public static final String ACTIVE = "ACTIVE";

    /** What assignments and sync jobs need to know about a publication. */
    public record PublicationRef(UUID id, String widgetId, String state, UUID cxoneThemeId) {
        public boolean active() {
            return ACTIVE.equals(state);
        }
    }

    public Uni<Map<UUID, PublicationRef>> find(SqlClient client, Collection<UUID> ids) {
        return client.preparedQuery("SELECT id, widget_id, state, cxone_theme_id FROM publications WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, PublicationRef> found = new HashMap<>();
                    rows.forEach(r -> found.put(r.getUUID("id"), new PublicationRef(r.getUUID("id"),
                            r.getString("widget_id"), r.getString("state"), r.getUUID("cxone_theme_id"))));
                    return found;
                });
    }
}
