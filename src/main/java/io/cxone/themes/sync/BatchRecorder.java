package io.cxone.themes.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.cxone.WireDtos.BatchSyncResponse;
import io.cxone.themes.cxone.WireDtos.SyncResult;
import io.cxone.themes.sync.SyncWork.Batch;
import io.cxone.themes.sync.SyncWork.ClaimedJob;
import io.cxone.themes.sync.SyncWork.Item;
import io.cxone.themes.sync.SyncWork.Outcome;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Turns a batch's answer into per-widget outcomes and records them, counts and audit events in one transaction. */
@ApplicationScoped
class BatchRecorder {
    private final Pool pool;
    private final SyncJobRepository jobs;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final SyncMetrics metrics;

    BatchRecorder(Pool pool, SyncJobRepository jobs, AuditLog audit, ObjectMapper mapper, SyncMetrics metrics) {
        this.metrics = metrics;
        this.pool = pool;
        this.jobs = jobs;
        this.audit = audit;
        this.mapper = mapper;
    }

    /** Each widget as CXone answered; a widget missing from the answer failed (we cannot know it was applied). */
    static List<Outcome> outcomes(Batch batch, BatchSyncResponse response) {
        Map<String, SyncResult> byWidget = new HashMap<>();
        if (response != null && response.results() != null) {
            response.results().forEach(r -> byWidget.putIfAbsent(r.widgetId(), r));
        }
        List<Outcome> out = new ArrayList<>();
        for (Item item : batch.items()) {
            SyncResult r = byWidget.get(item.widgetId());
            if (r == null) {
                out.add(new Outcome(item.seq(), SyncStates.FAILED, "CXone's answer had no result for this widget"));
            } else if (SyncStates.SYNCED.equals(r.status()) || SyncStates.SKIPPED.equals(r.status())) {
                out.add(new Outcome(item.seq(), r.status(), null));
            } else {
                String reason = r.error() == null || r.error().isBlank() ? "CXone answered " + r.status() : r.error();
                out.add(new Outcome(item.seq(), SyncStates.FAILED, reason));
            }
        }
        return out;
    }

    /** The whole batch failed after every retry: each of its widgets failed for that reason. */
    static List<Outcome> failed(Batch batch, String reason) {
        return batch.items().stream().map(i -> new Outcome(i.seq(), SyncStates.FAILED, reason)).toList();
    }

    /** Fails with {@link io.cxone.themes.jobs.LostLease}, recording nothing, when the lease is no longer ours. */
    Uni<Void> record(ClaimedJob job, Lease lease, Batch batch, List<Outcome> outcomes) {
        Caller caller = Caller.system(job.requestId());
        int[] counted = new int[3]; // synced, skipped, failed: to metrics once the transaction committed
        return pool.withTransaction(tx -> lease.fence(tx).chain(() -> jobs.record(tx, job.id(), outcomes))
                .chain(recorded -> {
                    if (recorded.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    int synced = count(recorded, SyncStates.SYNCED);
                    int skipped = count(recorded, SyncStates.SKIPPED);
                    int failed = count(recorded, SyncStates.FAILED);
                    counted[0] = synced;
                    counted[1] = skipped;
                    counted[2] = failed;
                    List<AuditEntry> entries = recorded.stream().map(r -> entry(job, batch, r)).toList();
                    return jobs.addCounts(tx, job.id(), synced, skipped, failed)
                            .chain(() -> audit.appendAll(tx, caller, entries)).replaceWithVoid();
                })).invoke(() -> metrics.recorded(counted[0], counted[1], counted[2]));
    }

    private AuditEntry entry(ClaimedJob job, Batch batch, SyncJobRepository.RecordedItem item) {
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
