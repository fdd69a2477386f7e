package io.cxone.themes.sync;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.sync.SyncWork.ClaimedJob;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Ends a job whose widgets all have an outcome, with its {@code sync.finished} event, in one transaction. */
@ApplicationScoped
class JobFinisher {
    private final Pool pool;
    private final SyncJobRepository jobs;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final SyncMetrics metrics;

    JobFinisher(Pool pool, SyncJobRepository jobs, AuditLog audit, ObjectMapper mapper, SyncMetrics metrics) {
        this.metrics = metrics;
        this.pool = pool;
        this.jobs = jobs;
        this.audit = audit;
        this.mapper = mapper;
    }

    /** True when the job ended; false while widgets are still pending (the engine hands it back for a later pass). */
    Uni<Boolean> finish(ClaimedJob job, Lease lease) {
        String[] ended = new String[1]; // to metrics once the transaction committed
        return pool.withTransaction(tx -> lease.fence(tx).chain(() -> jobs.finish(tx, job.id())).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            var r = found.get();
            String state = r.getString("state");
            ended[0] = state;
            Object seconds = r.getValue("seconds");
            var details = mapper.createObjectNode().put("state", state).put("total", r.getInteger("total"))
                    .put("synced", r.getInteger("synced")).put("skipped", r.getInteger("skipped"))
                    .put("failed", r.getInteger("failed"))
                    .put("seconds", seconds == null ? 0 : ((Number) seconds).doubleValue());
            String outcome = "SUCCEEDED".equals(state) ? AuditEntry.SUCCESS : AuditEntry.FAILURE;
            return audit.append(tx, Caller.system(job.requestId()), new AuditEntry("sync.finished", outcome, null, null,
                    job.publicationId().toString(), job.id().toString(), details)).replaceWith(true);
        })).invoke(done -> {
            if (done) {
                metrics.ended(ended[0]);
            }
        });
    }
}
