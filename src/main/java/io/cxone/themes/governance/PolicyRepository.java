package io.cxone.themes.governance;

import static io.cxone.themes.db.Rows.instant;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL of {@code widget_policies} (this package owns the table). */
@ApplicationScoped
class PolicyRepository {
    private static final String UPSERT = "INSERT INTO widget_policies (widget_id, approvals, windows, "
            + "approval_ttl_seconds, updated_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (widget_id) DO UPDATE SET "
            + "approvals = $2, windows = $3, approval_ttl_seconds = $4, updated_by = $5, updated_at = now() RETURNING *";
    private static final TypeReference<List<Window>> WINDOWS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    PolicyRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Uni<Optional<Policy>> find(SqlClient client, String widgetId) {
        return client.preparedQuery("SELECT * FROM widget_policies WHERE widget_id = $1").execute(Tuple.of(widgetId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(map(rows.iterator().next())) : Optional.empty());
    }

    Uni<Policy> save(SqlClient tx, String widgetId, Policy policy, String actor) {
        JsonArray windows = new JsonArray(mapper.convertValue(policy.windows(), List.class));
        return tx.preparedQuery(UPSERT).execute(Tuple.of(widgetId, policy.approvals(), windows,
                policy.approvalTtl().toSeconds(), actor)).map(rows -> map(rows.iterator().next()));
    }

    private Policy map(Row r) {
        try {
            List<Window> windows = mapper.readValue(r.getJsonArray("windows").encode(), WINDOWS);
            return new Policy(r.getString("widget_id"), r.getInteger("approvals"), windows,
                    Duration.ofSeconds(r.getLong("approval_ttl_seconds")), true, r.getString("updated_by"),
                    instant(r, "updated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored policy of widget " + r.getString("widget_id")
                    + " cannot be read: PUT it again", e);
        }
    }
}
