package io.cxone.themes.sync;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.db.AfterCommit;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.jobs.Next;
import io.cxone.themes.sync.SyncSteps.SyncRunFailed;
import io.cxone.themes.sync.SyncWork.Batch;
import io.cxone.themes.sync.SyncWork.Counts;
import io.cxone.themes.sync.SyncWork.Outcome;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * A sync job's writes: each in one transaction behind the lease's fence, with the audit events of the change, and the
 * job's end with the engine's lifecycle operation in the same transaction. Metrics count what committed.
 */
@ApplicationScoped
class SyncStore {
    private final Pool pool;
    private final SyncJobRepository jobs;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final SyncMetrics metrics;

    SyncStore(Pool pool, SyncJobRepository jobs, AuditLog audit, ObjectMapper mapper, SyncMetrics metrics) {
        this.pool = pool;
        this.jobs = jobs;
        this.audit = audit;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /** The batches still to send (a read: nothing is written before a batch is answered). */
    Uni<List<Batch>> pendingBatches(UUID job) {
        return jobs.pending(pool, job).map(SyncSteps::batches);
    }

    /**
     * Records a batch's outcomes (of still-pending widgets only: a batch sent again never counts a widget twice), the
     * counts and one {@code sync.widget} event per widget. Fails with {@link io.cxone.themes.jobs.LostLease},
     * recording nothing, when the lease is no longer ours.
     */
    Uni<Void> record(SyncJob job, Lease lease, Batch batch, List<Outcome> outcomes) {
        Caller caller = Caller.system(job.requestId());
        int[] counted = new int[3]; // synced, skipped, failed: to metrics once the transaction committed
        return pool.withTransaction(tx -> lease.fence(tx).chain(() -> jobs.record(tx, job.id(), outcomes))
                .chain(recorded -> {
                    if (recorded.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    counted[0] = count(recorded, SyncStates.SYNCED);
                    counted[1] = count(recorded, SyncStates.SKIPPED);
                    counted[2] = count(recorded, SyncStates.FAILED);
                    List<AuditEntry> entries = recorded.stream().map(r -> widgetEvent(job, batch, r)).toList();
                    return jobs.addCounts(tx, job.id(), counted[0], counted[1], counted[2])
                            .chain(() -> audit.appendAll(tx, caller, entries)).replaceWithVoid();
                })).invoke(() -> metrics.recorded(counted[0], counted[1], counted[2]));
    }

    /**
     * Ends a job whose widgets all have an outcome, with its {@code sync.finished} event, and completes its lease. A
     * widget still pending here was not recorded by a run that sent everything: a failed attempt, never a silent loop.
     */
    Uni<Next<SyncJob>> finish(SyncJob job, Lease lease) {
        String[] ended = new String[1]; // to metrics once the transaction committed
        return pool.withTransaction(tx -> lease.fence(tx).chain(() -> jobs.counts(tx, job.id())).chain(counts -> {
            String state = SyncSteps.finalState(counts).orElseThrow(() -> new SyncRunFailed(counts.pending()
                    + " widgets still pending after every batch was sent; they are sent again"));
            ended[0] = state;
            return jobs.end(tx, job.id(), state)
                    .chain(seconds -> audit.append(tx, Caller.system(job.requestId()), finishedEvent(job.id(),
                            job.publicationId().toString(), state, counts, seconds, null)))
                    .chain(() -> lease.<SyncJob>complete(tx));
        })).invoke(() -> metrics.ended(ended[0]));
    }

    /** Not finished: the job is released, due again in {@code after} for any instance. */
    Uni<Next<SyncJob>> handBack(Lease lease, Duration after) {
        return pool.withTransaction(tx -> lease.handBack(tx, after));
    }

    /**
     * The engine gave up on job {@code id} ({@code tx} is fenced): FAILED with the reason, its {@code sync.finished}
     * event. Reads nothing of the row but what SQL returns as stored: a row the kind could not read ends the same way.
     * Its widgets still pending stay so: they were never sent, and a new job can take exactly them.
     */
    Uni<Void> giveUp(SqlClient tx, UUID id, String reason) {
        return jobs.fail(tx, id, reason).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            var r = found.get();
            Counts counts = new Counts(r.getInteger("total"), r.getInteger("synced"), r.getInteger("skipped"),
                    r.getInteger("failed"), 0);
            Object publication = r.getValue("publication_id");
            return audit.append(tx, Caller.system(r.getString("request_id")), finishedEvent(id,
                    publication == null ? null : publication.toString(), SyncStates.FAILED, counts,
                    SyncJobRepository.seconds(r), reason))
                    .invoke(() -> AfterCommit.run(tx, () -> metrics.ended(SyncStates.FAILED))).replaceWithVoid();
        });
    }

    private AuditEntry finishedEvent(UUID job, String publicationId, String state, Counts counts, double seconds,
            String reason) {
        ObjectNode details = mapper.createObjectNode().put("state", state).put("total", counts.total())
                .put("synced", counts.synced()).put("skipped", counts.skipped()).put("failed", counts.failed())
                .put("seconds", seconds);
        if (reason != null) {
            details.put("reason", reason);
        }
        String outcome = SyncStates.SUCCEEDED.equals(state) ? AuditEntry.SUCCESS : AuditEntry.FAILURE;
        return new AuditEntry("sync.finished", outcome, null, null, publicationId, job.toString(), details);
    }

    private AuditEntry widgetEvent(SyncJob job, Batch batch, SyncJobRepository.RecordedItem item) {
        ObjectNode details = mapper.createObjectNode().put("status", item.status()).put("batch", batch.number())
                .put("targetThemeId", job.targetThemeId().toString());
        if (item.reason() != null) {
            details.put("reason", item.reason());
        }
        String outcome = SyncStates.FAILED.equals(item.status()) ? AuditEntry.FAILURE : AuditEntry.SUCCESS;
        return new AuditEntry("sync.widget", outcome, null, item.widgetId(), job.publicationId().toString(),
                job.id().toString(), details);
    }

    private static int count(List<SyncJobRepository.RecordedItem> items, String status) {
        return (int) items.stream().filter(i -> status.equals(i.status())).count();
    }
}
