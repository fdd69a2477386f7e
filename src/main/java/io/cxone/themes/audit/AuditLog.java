package io.cxone.themes.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Appends events to the hash chain inside the caller's transaction, so a change and its event commit or roll back
 * together. Locking the head row serialises appenders: numbers have no gaps and the chain never forks.
 */
@ApplicationScoped
public class AuditLog {
    private static final String LOCK_HEAD = "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE";
    private static final String INSERT = "INSERT INTO audit_events (seq, time, actor, action, outcome, theme_id, "
            + "widget_id, publication_id, job_id, request_id, details, prev_hash, hash) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
    private static final String MOVE_HEAD = "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1";
    /** One event and the head move in one statement: one round trip less while the head lock is held. */
    private static final String INSERT_AND_MOVE_HEAD = "WITH event AS (" + INSERT + ") "
            + "UPDATE audit_head SET seq = $1, hash = $13 WHERE id = 1";

    /** Appends one event; call it last in the transaction so the head lock is held as briefly as possible. */
    public Uni<AuditEvent> append(SqlClient tx, Caller caller, AuditEntry entry) {
        return appendAll(tx, caller, List.of(entry)).map(events -> events.get(0));
    }

    /** Appends several events in order, with one lock and one round trip for the rows. */
    public Uni<List<AuditEvent>> appendAll(SqlClient tx, Caller caller, List<AuditEntry> entries) {
        return tx.query(LOCK_HEAD).execute().chain(rows -> {
            Row head = rows.iterator().next();
            long seq = head.getLong("seq");
            String prev = head.getString("hash");
            Instant now = Instant.now();
            List<AuditEvent> sealed = new ArrayList<>(entries.size());
            List<Tuple> tuples = new ArrayList<>(entries.size());
            for (AuditEntry entry : entries) {
                AuditEvent event = AuditChain.seal(unsealed(++seq, now, caller, entry), prev);
                prev = event.hash();
                sealed.add(event);
                tuples.add(tuple(event));
            }
            if (tuples.size() == 1) {
                return tx.preparedQuery(INSERT_AND_MOVE_HEAD).execute(tuples.get(0)).replaceWith(sealed);
            }
            long last = seq;
            String lastHash = prev;
            return tx.preparedQuery(INSERT).executeBatch(tuples)
                    .chain(() -> tx.preparedQuery(MOVE_HEAD).execute(Tuple.of(last, lastHash))).replaceWith(sealed);
        });
    }

    private static AuditEvent unsealed(long seq, Instant now, Caller caller, AuditEntry e) {
        return new AuditEvent(seq, now, caller.actor(), e.action(), e.outcome(), e.themeId(), e.widgetId(),
                e.publicationId(), e.jobId(), caller.requestId(), withActorName(e.details(), caller.actorName()), null,
                null);
    }

    /**
     * The details with the caller's display name as {@code actorName}: inside the hashed event (a name cannot be
     * changed afterwards without breaking the chain), and no column or export format had to change.
     */
    static JsonNode withActorName(JsonNode details, String actorName) {
        if (actorName == null || (details != null && !details.isNull() && !details.isObject())) {
            return details;
        }
        ObjectNode named = details instanceof ObjectNode object ? object.deepCopy() : JsonNodeFactory.instance.objectNode();
        named.put("actorName", actorName);
        return named;
    }

    private static Tuple tuple(AuditEvent e) {
        // a JsonObject, not a String: the driver would store a String as a JSON string value
        Object details = e.details() == null || e.details().isNull() ? null : new JsonObject(e.details().toString());
        return Tuple.from(new Object[] { e.seq(), Rows.utc(e.time()), e.actor(),
                e.action(), e.outcome(), e.themeId(), e.widgetId(), e.publicationId(), e.jobId(), e.requestId(), details,
                e.prevHash(), e.hash() });
    }
}
