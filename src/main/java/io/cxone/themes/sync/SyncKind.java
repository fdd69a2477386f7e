package io.cxone.themes.sync;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cxone.themes.jobs.JobKind;
import io.cxone.themes.jobs.JobTable;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.jobs.Next;
import io.cxone.themes.sync.SyncSteps.Fail;
import io.cxone.themes.sync.SyncSteps.HandBack;
import io.cxone.themes.sync.SyncSteps.RunEnd;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Sync jobs as jobs of the engine, one held at a time per instance (the rate is per instance). A unit of work is a
 * run: send the job's pending batches ({@link BatchSender}), then end it as {@link SyncSteps} decides — finished,
 * handed back (shutting down, lease lost, CXone paused us: due again when CXone said), or failed (an attempt the
 * engine retries, and after its max attempts ends FAILED with the reason).
 */
@ApplicationScoped
class SyncKind implements JobKind<SyncJob> {
    static final JobTable TABLE = new JobTable("sync_jobs", "sync", "state IN ('QUEUED', 'RUNNING')", "created_at",
            "state = 'RUNNING', started_at = COALESCE(started_at, now()), updated_at = now()")
            .withStateGauge("sync.jobs", SyncMetrics.STATES);
    private static final Logger LOG = Logger.getLogger(SyncKind.class);

    private final SyncStore store;
    private final BatchSender sender;
    private final SyncJobSettings settings;

    SyncKind(SyncStore store, BatchSender sender, SyncJobSettings settings) {
        this.store = store;
        this.sender = sender;
        this.settings = settings;
    }

    @Override
    public JobTable table() {
        return TABLE;
    }

    @Override
    public SyncJob claimed(Row r) {
        return new SyncJob(r.getUUID("id"), r.getUUID("publication_id"), r.getUUID("target_theme_id"),
                r.getBoolean("override_existing"), r.getString("request_id"), r.getInteger("total"),
                r.getInteger("synced") + r.getInteger("skipped") + r.getInteger("failed"));
    }

    @Override
    public SyncJobSettings settings() {
        return settings;
    }

    @Override
    public Uni<Next<SyncJob>> run(SyncJob job, Lease lease) {
        LOG.infof("sync job %s: working on it as %s (%d of %d widgets done)", job.id(), lease.owner(), job.done(),
                job.total());
        return store.pendingBatches(job.id())
                .chain(batches -> sender.send(job, batches, lease))
                .chain(halt -> end(job, lease, SyncSteps.end(halt, lease.stopping(), lease.lost())));
    }

    private Uni<Next<SyncJob>> end(SyncJob job, Lease lease, RunEnd end) {
        if (end instanceof HandBack back) {
            LOG.infof("sync job %s: handed back (%s), due again in %d ms", job.id(), back.why(),
                    back.after().toMillis());
            return store.handBack(lease, back.after());
        }
        if (end instanceof Fail fail) {
            return Uni.createFrom().failure(fail.failure());
        }
        return store.finish(job, lease);
    }

    @Override
    public Uni<Void> giveUp(SqlClient tx, UUID id, String reason) {
        return store.giveUp(tx, id, reason);
    }

    @Override
    public String spanName(SyncJob job) {
        return "sync.run";
    }
}
