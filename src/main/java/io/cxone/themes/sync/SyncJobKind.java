package io.cxone.themes.sync;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.cxone.themes.cxone.CxoneClient;
import io.cxone.themes.cxone.CxoneErrors;
import io.cxone.themes.cxone.CxoneException;
import io.cxone.themes.cxone.WireDtos.BatchSyncRequest;
import io.cxone.themes.jobs.JobKind;
import io.cxone.themes.jobs.JobTable;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.jobs.LostLease;
import io.cxone.themes.jobs.Next;
import io.cxone.themes.log.RateLimitedLog;
import io.cxone.themes.text.Text;
import io.cxone.themes.sync.SyncWork.Batch;
import io.cxone.themes.sync.SyncWork.ClaimedJob;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sync jobs as jobs of the engine, one held at a time per instance (the rate is per instance): a unit of work is a
 * whole run, which sends the job's pending batches paced by a ticker (one batch a tick; while the in-flight bound is
 * reached ticks pass, so no burst follows a slow spell) and records each batch in one transaction behind the lease.
 */
@ApplicationScoped
class SyncJobKind implements JobKind<ClaimedJob> {
    static final JobTable TABLE = new JobTable("sync_jobs", "sync", "state IN ('QUEUED', 'RUNNING')", "created_at",
            "state = 'RUNNING', started_at = COALESCE(started_at, now()), updated_at = now()");
    private static final Logger LOG = Logger.getLogger(SyncJobKind.class);
    // our own failures repeat for every batch of a run: one line a minute says so
    private static final RateLimitedLog WARNINGS = new RateLimitedLog(LOG, Duration.ofMinutes(1));
    private static final int MAX_REASON = 500;
    /** What the lease's end emits into a run's tick stream: ends it at once. */
    private static final long STOP = -1;

    private final Pool pool;
    private final SyncJobRepository jobs;
    private final BatchRecorder recorder;
    private final JobFinisher finisher;
    private final CxoneClient cxone;
    private final SyncSettings settings;
    private final SyncJobSettings jobSettings;

    SyncJobKind(Pool pool, SyncJobRepository jobs, BatchRecorder recorder, JobFinisher finisher, CxoneClient cxone,
            SyncSettings settings, SyncJobSettings jobSettings) {
        this.pool = pool;
        this.jobs = jobs;
        this.recorder = recorder;
        this.finisher = finisher;
        this.cxone = cxone;
        this.settings = settings;
        this.jobSettings = jobSettings;
    }

    @Override
    public JobTable table() {
        return TABLE;
    }

    @Override
    public ClaimedJob claimed(Row r) {
        return new ClaimedJob(r.getUUID("id"), r.getUUID("publication_id"), r.getUUID("target_theme_id"),
                r.getBoolean("override_existing"), r.getString("request_id"));
    }

    @Override
    public SyncJobSettings settings() {
        return jobSettings;
    }

    @Override
    public Uni<Void> giveUp(SqlClient tx, UUID id, String reason) {
        return tx.preparedQuery("UPDATE sync_jobs SET state = 'FAILED', failure_reason = $2, finished_at = now(), "
                + "updated_at = now() WHERE id = $1").execute(Tuple.of(id, reason)).replaceWithVoid();
    }

    @Override
    public String spanName(ClaimedJob job) {
        return "sync.run";
    }

    @Override
    public Uni<Next<ClaimedJob>> run(ClaimedJob job, Lease lease) {
        LOG.infof("sync job %s: working on it as %s", job.id(), lease.owner());
        AtomicBoolean paused = new AtomicBoolean();
        return jobs.pendingBatches(pool, job.id())
                .chain(batches -> send(job, batches, lease, paused))
                .chain(() -> {
                    if (lease.ended() || paused.get()) {
                        LOG.infof("sync job %s: handed back (%s)", job.id(), lease.stopping() ? "shutting down"
                                : lease.lost() ? "lease lost" : "CXone paused");
                        return Uni.createFrom().item(Next.<ClaimedJob>handBack());
                    }
                    return finisher.finish(job, lease).map(done -> done ? Next.<ClaimedJob>done() : Next.handBack());
                });
    }

    private Uni<Void> send(ClaimedJob job, List<Batch> batches, Lease lease, AtomicBoolean paused) {
        if (batches.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Duration tick = Duration.ofNanos((long) (1_000_000_000L / settings.rate()));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        long start = System.nanoTime();
        Multi<Long> ticks = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(tick)
                // a tick finding every slot busy replaces the one kept before it: after a slow spell one batch starts
                // at once (two within one tick at most, still within a token bucket of one second's capacity)
                .onOverflow().invoke(t -> skipped.incrementAndGet()).dropPreviousItems();
        // a graceful stop or a lost lease ends the run at once, not at the next tick (which may be far off at a low
        // rate); the signal waits in a buffer of one while every in-flight slot is busy
        Multi<Long> ended = lease.whenEnded().map(v -> STOP).toMulti();
        return Multi.createBy().merging().streams(ticks, ended.onOverflow().buffer(1))
                .select().first(t -> t != STOP && !lease.ended() && !paused.get())
                .select().first(batches.size())
                // CXone calls and our writes are separate stages: a slow write never holds a CXone slot (and a tick)
                .onItem().transformToUni(t -> call(job, batches.get(next.getAndIncrement()), lease, paused))
                .merge(Math.max(1, settings.inFlight()))
                .onItem().transformToUni(sent -> record(job, sent, lease))
                .merge(Math.max(1, settings.inFlight()))
                .collect().last().replaceWithVoid()
                .invoke(() -> LOG.infof("sync job %s: %d batches sent in %.1f s (%d ticks passed with %d batches in "
                        + "flight)", job.id(), next.get(), (System.nanoTime() - start) / 1e9, skipped.get(),
                        settings.inFlight()));
    }

    /** One batch-sync call; answers the widgets' outcomes, or null when the batch must stay pending. */
    private Uni<Sent> call(ClaimedJob job, Batch batch, Lease lease, AtomicBoolean paused) {
        if (lease.ended() || paused.get()) {
            return Uni.createFrom().item(new Sent(batch, null));
        }
        BatchSyncRequest request = new BatchSyncRequest(batch.widgetIds(), job.targetThemeId().toString(),
                job.overrideExisting());
        return cxone.batchSync(request).map(answer -> new Sent(batch, BatchRecorder.outcomes(batch, answer)))
                .onFailure().recoverWithItem(e -> {
                    if (e instanceof CircuitBreakerOpenException || lease.stopping() || !fromCxone(e)) {
                        if (!fromCxone(e) && !lease.stopping()) {
                            WARNINGS.warn("sync job " + job.id() + ": batch " + batch.number() + " stays pending, not "
                                    + "CXone's failure but ours: " + e + " (resumed at a later scan, here or elsewhere)");
                        }
                        paused.set(true); // CXone is down, or we are: the batch stays pending; resumed at a later scan
                        return new Sent(batch, null);
                    }
                    return new Sent(batch, BatchRecorder.failed(batch, reason(e)));
                });
    }

    private Uni<Void> record(ClaimedJob job, Sent sent, Lease lease) {
        if (sent.outcomes() == null) {
            return Uni.createFrom().voidItem();
        }
        return recorder.record(job, lease, sent.batch(), sent.outcomes())
                .onFailure(e -> !(e instanceof LostLease))
                .invoke(e -> LOG.warnf("sync job %s: batch %d not recorded, its widgets stay pending: %s",
                        job.id(), sent.batch().number(), e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Whether a failed batch-sync call is CXone's doing (an answer, or no answer after the retries and timeouts), which
     * may fail its widgets; anything else is this process's own trouble and must never fail them. bench/chaos.sh found
     * one: a sync run starting during a graceful stop got "Client is closed" from the REST client Quarkus had already
     * shut, and recorded 100 widgets FAILED that the next instance would have synced.
     */
    static boolean fromCxone(Throwable e) {
        return e instanceof CxoneException || e instanceof TimeoutException || e instanceof CircuitBreakerOpenException;
    }

    static String reason(Throwable e) {
        String text = "batch-sync failed after retries: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage());
        if (e instanceof CxoneException cxone && !CxoneErrors.summary(cxone.body()).isEmpty()) {
            text += ": " + CxoneErrors.summary(cxone.body()); // CXone's field errors, cleaned; never its raw body
        }
        return Text.clip(text, MAX_REASON); // the one clipping rule: also no raw control character in a reason
    }

    /** A batch and what CXone said of its widgets ({@code null}: nothing to record, the batch stays pending). */
    private record Sent(Batch batch, List<SyncWork.Outcome> outcomes) {
    }
}
