package io.cxone.themes.rollout;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The only SQL on {@code rollouts}. The kind's writes come after its lease's fence, in the same transaction. */
@ApplicationScoped
class RolloutStore {
    static final String COLUMNS = "id, widget_id, theme_id, theme_version, publication_id, variant_cxone_theme_id, "
            + "control_publication_id, control_cxone_theme_id, stages, hold_seconds, gates::text AS gates_json, state, "
            + "stage, stage_started_at, hold_extensions, command, command_by, last_gate::text AS last_gate_json, outcome, "
            + "requested_by, created_at, updated_at, finished_at, request_id";
    private static final String LIVE = "('PENDING_APPROVAL', 'SCHEDULED', 'RUNNING', 'PAUSED', 'STALLED')";

    /** A row as a unit reads it: the rollout and the database's now (every hold is on the database's clock). */
    record Current(Rollout rollout, Instant now) {
    }

    private final ObjectMapper mapper;

    RolloutStore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Rollout of(Row r) {
        try {
            String gate = r.getString("last_gate_json");
            return new Rollout(r.getUUID("id"), r.getString("widget_id"), r.getUUID("theme_id"),
                    r.getInteger("theme_version"), r.getUUID("publication_id"), r.getUUID("variant_cxone_theme_id"),
                    r.getUUID("control_publication_id"), r.getUUID("control_cxone_theme_id"),
                    Arrays.asList(r.getArrayOfIntegers("stages")), r.getInteger("hold_seconds"),
                    mapper.readValue(r.getString("gates_json"), Gates.class), r.getString("state"),
                    r.getInteger("stage"), Rows.instant(r, "stage_started_at"), r.getInteger("hold_extensions"),
                    r.getString("command"), r.getString("command_by"),
                    gate == null ? null : mapper.readValue(gate, GateReading.class), r.getString("outcome"),
                    r.getString("requested_by"), Rows.instant(r, "created_at"), Rows.instant(r, "updated_at"),
                    Rows.instant(r, "finished_at"), r.getString("request_id"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rollout " + r.getUUID("id") + " has unreadable JSON: " + e.getOriginalMessage());
        }
    }

    Uni<Void> insert(SqlClient tx, Rollout r, String traceParent) {
        return tx.preparedQuery("INSERT INTO rollouts (id, widget_id, theme_id, theme_version, publication_id, "
                + "control_publication_id, control_cxone_theme_id, stages, hold_seconds, gates, state, requested_by, "
                + "request_id, trace_parent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CAST($10 AS text)::jsonb, $11, $12, $13, $14)")
                .execute(Tuple.from(new Object[] { r.id(), r.widgetId(), r.themeId(), r.themeVersion(), r.publicationId(),
                        r.controlPublicationId(), r.controlCxoneThemeId(), r.stages().toArray(Integer[]::new),
                        r.holdSeconds(), json(r.gates()), r.state(), r.requestedBy(), r.requestId(), traceParent }))
                .replaceWithVoid();
    }

    Uni<Optional<Rollout>> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM rollouts WHERE id = $1").execute(Tuple.of(id))
                .map(this::first);
    }

    Uni<Current> current(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT " + COLUMNS + ", now() AS db_now FROM rollouts WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Current(of(row), Rows.instant(row, "db_now"));
                });
    }

    Uni<Optional<Rollout>> live(SqlClient client, String widgetId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM rollouts WHERE widget_id = $1 AND state IN " + LIVE)
                .execute(Tuple.of(widgetId)).map(this::first);
    }

    /**
     * The variant publications of the widget's rollouts that are not PROMOTED, live ones included: they may be ACTIVE
     * in CXone, yet the widget's visitors get the control (a rolled-back, aborted or failed variant is left at 0 %
     * weight), so none of them may become the control of the next rollout.
     */
    Uni<List<UUID>> unpromotedVariants(SqlClient client, String widgetId) {
        return client.preparedQuery("SELECT publication_id FROM rollouts WHERE widget_id = $1 AND state <> 'PROMOTED' "
                + "AND publication_id IS NOT NULL").execute(Tuple.of(widgetId))
                .map(rows -> Rows.list(rows, r -> r.getUUID("publication_id")));
    }

    Uni<List<Rollout>> byWidget(SqlClient client, String widgetId, long offset, int limit) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM rollouts WHERE widget_id = $1 "
                + "ORDER BY created_at DESC, id LIMIT $2 OFFSET $3").execute(Tuple.of(widgetId, limit, offset))
                .map(rows -> Rows.list(rows, this::of));
    }

    Uni<Long> countByWidget(SqlClient client, String widgetId) {
        return client.preparedQuery("SELECT count(*) FROM rollouts WHERE widget_id = $1").execute(Tuple.of(widgetId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** A person's command, kept for the job; only a live rollout takes one. Empty: it is over (or gone). */
    Uni<Optional<Rollout>> command(SqlClient tx, UUID id, Command command, String by) {
        return update(tx, "command = $2, command_by = $3 WHERE id = $1 AND state IN " + LIVE, id, command.name(), by);
    }

    /** Waiting for the variant's publication, or in a stage's hold: the state mirrors the publication's. */
    Uni<Rollout> waiting(SqlClient tx, UUID id, String state) {
        return updateOne(tx, "state = $2 WHERE id = $1", id, state);
    }

    /** The stage's split is set in CXone: its hold and its analytics window start now. */
    Uni<Rollout> entered(SqlClient tx, UUID id, int stage, UUID variantTheme, boolean resumed, GateReading passed) {
        return updateOne(tx, "state = 'RUNNING', stage = $2, stage_started_at = now(), hold_extensions = 0, "
                + "variant_cxone_theme_id = $3, last_gate = COALESCE(CAST($4 AS text)::jsonb, last_gate)"
                + (resumed ? ", command = NULL, command_by = NULL" : "") + " WHERE id = $1",
                id, stage, variantTheme, passed == null ? null : json(passed));
    }

    Uni<Rollout> extended(SqlClient tx, UUID id, GateReading reading) {
        return updateOne(tx, "hold_extensions = hold_extensions + 1, last_gate = CAST($2 AS text)::jsonb WHERE id = $1", id,
                json(reading));
    }

    /** Paused: the split stays; {@code stage_started_at} is cleared so that resume sets the split and holds afresh. */
    Uni<Rollout> paused(SqlClient tx, UUID id) {
        return updateOne(tx, "state = 'PAUSED', stage_started_at = NULL, command = NULL, command_by = NULL WHERE id = $1", id);
    }

    /** A command that has nothing to do now (pause while paused, promote before the variant is live) is dropped. */
    Uni<Rollout> dropCommand(SqlClient tx, UUID id) {
        return updateOne(tx, "command = NULL, command_by = NULL WHERE id = $1", id);
    }

    /** Ended (or STALLED: waiting for a person, its split kept, no finish time). */
    Uni<Rollout> ended(SqlClient tx, UUID id, String state, String outcome, GateReading reading, UUID variantTheme) {
        return updateOne(tx, "state = $2, outcome = $3, last_gate = COALESCE(CAST($4 AS text)::jsonb, last_gate), command = NULL, "
                + "command_by = NULL, variant_cxone_theme_id = COALESCE($5, variant_cxone_theme_id), "
                + "stage_started_at = CASE WHEN $2 = 'STALLED' THEN stage_started_at ELSE NULL END, "
                + "finished_at = CASE WHEN $2 = 'STALLED' THEN NULL ELSE now() END WHERE id = $1",
                id, state, outcome, reading == null ? null : json(reading), variantTheme);
    }

    private Uni<Rollout> updateOne(SqlClient tx, String set, Object... params) {
        return update(tx, set, params).map(Optional::orElseThrow);
    }

    private Uni<Optional<Rollout>> update(SqlClient tx, String set, Object... params) {
        return tx.preparedQuery("UPDATE rollouts SET updated_at = now(), " + set + " RETURNING " + COLUMNS)
                .execute(Tuple.from(params)).map(this::first);
    }

    private Optional<Rollout> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(of(it.next())) : Optional.empty();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
