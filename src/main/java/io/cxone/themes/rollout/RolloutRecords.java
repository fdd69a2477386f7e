package io.cxone.themes.rollout;

import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.db.AfterCommit;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.jobs.Next;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The kind's writes: fence, the row's change, its audit event and the lifecycle operation in one transaction; the
 * metric of an ending once that committed.
 */
@ApplicationScoped
class RolloutRecords {
    private final Pool pool;
    private final RolloutStore store;
    private final AuditLog audit;
    private final RolloutMetrics metrics;
    private final ObjectMapper mapper;
    private final RolloutEvents events;

    RolloutRecords(Pool pool, RolloutStore store, AuditLog audit, RolloutMetrics metrics, ObjectMapper mapper,
            RolloutEvents events) {
        this.events = events;
        this.pool = pool;
        this.store = store;
        this.audit = audit;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    /**
     * @param action the audit event's action, or null for a change nobody needs in the trail (a tick of waiting)
     */
    Uni<Next<UUID>> write(Lease lease, Function<SqlClient, Uni<Rollout>> change, String action,
            BiFunction<SqlClient, Rollout, Uni<Next<UUID>>> lifecycle) {
        return pool.withTransaction(tx -> lease.fence(tx).chain(() -> change.apply(tx))
                .call(after -> action == null ? Uni.createFrom().voidItem()
                        : audit.append(tx, RolloutKind.caller(after), entry(action, after)).replaceWithVoid())
                .invoke(after -> AfterCommit.run(tx, () -> {
                    metrics.ended(after.state());
                    events.publish(after);
                }))
                .chain(after -> lifecycle.apply(tx, after)));
    }

    /** The engine gave up on the rollout: FAILED with the reason, audited, in the engine's transaction. */
    Uni<Void> gaveUp(SqlClient tx, UUID id, String reason) {
        return store.ended(tx, id, Rollout.FAILED, io.cxone.themes.text.Text.clip(reason, 500), null, null)
                .call(after -> audit.append(tx, RolloutKind.caller(after), entry("rollout.failed", after)))
                .invoke(after -> AfterCommit.run(tx, () -> events.publish(after)))
                .replaceWithVoid();
    }

    /**
     * The variant's publication withdrawn by the abort of {@code r}: audited as a rejection (its state) by whoever
     * aborted, with the reason and the rollout, so the publication's own history says why it never went out.
     */
    AuditEntry withdrawn(Rollout r, io.cxone.themes.publish.Publication p) {
        ObjectNode details = mapper.createObjectNode().put("rolloutId", r.id().toString())
                .put("requestedBy", p.request().requestedBy()).put("state", p.state().name())
                .put("reason", p.progress().failureReason());
        return new AuditEntry("publication.rejected", AuditEntry.SUCCESS, r.themeId().toString(), r.widgetId(),
                p.id().toString(), r.id().toString(), details);
    }

    AuditEntry entry(String action, Rollout r) {
        ObjectNode details = mapper.createObjectNode().put("rolloutId", r.id().toString()).put("state", r.state())
                .put("variantPercent", r.variantPercent());
        if (r.stage() != null) {
            details.put("stage", r.stage()).put("stagePercent", r.stages().get(r.stage()));
        }
        if (r.outcome() != null) {
            details.put("outcome", r.outcome());
        }
        if (r.lastGate() != null && !action.equals("rollout.stage")) {
            details.set("gate", mapper.valueToTree(r.lastGate()));
        }
        boolean failure = action.equals("rollout.failed") || action.equals("rollout.rolled_back");
        return new AuditEntry(action, failure ? AuditEntry.FAILURE : AuditEntry.SUCCESS, r.themeId().toString(),
                r.widgetId(), r.publicationId().toString(), r.id().toString(), details);
    }
}
