package io.cxone.themes.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.cxone.themes.cxone.CxoneClient;
import io.cxone.themes.cxone.CxoneErrors;
import io.cxone.themes.cxone.CxoneException;
import io.cxone.themes.cxone.WireDtos.BatchSyncRequest;
import io.cxone.themes.jobs.InFlight;
import io.cxone.themes.jobs.JobTracing;
import io.cxone.themes.jobs.ThisInstance;
import io.cxone.themes.sync.SyncWork.Batch;
import io.cxone.themes.log.RateLimitedLog;
import io.cxone.themes.sync.SyncWork.ClaimedJob;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Works sync jobs, one at a time per instance: claims the oldest runnable job under a lease, sends its pending batches
 * paced by a ticker (one batch a tick; while the in-flight bound is reached ticks pass, so no burst follows a slow
 * spell), records each batch in one transaction, and renews the lease until the job ends.
 */
@ApplicationScoped
public class SyncRunner {
    private static final Logger LOG = Logger.getLogger(SyncRunner.class);
    // the poll fails every poll-interval while the database is down: one line a minute says so
    private static final RateLimitedLog WARNINGS = new RateLimitedLog(LOG, java.time.Duration.ofMinutes(1));
    private static final int MAX_REASON = 500;
    /** What {@code stopSignal} emits: ends a run's tick stream at once. */
    private static final long STOP = -1;

    private final Pool pool;
    private final SyncJobRepository jobs;
    private final BatchRecorder recorder;
    private final JobFinisher finisher;
    private final CxoneClient cxone;
    private final SyncSettings settings;
    private final Vertx vertx;
    private final ThisInstance instance;
    private final JobTracing tracing;
    private final String owner;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final InFlight runs = new InFlight();
    private final BroadcastProcessor<Long> stopSignal = BroadcastProcessor.create();
    private volatile boolean stopping;
    private volatile long pollTimer = -1;

    SyncRunner(Pool pool, SyncJobRepository jobs, BatchRecorder recorder, JobFinisher finisher, CxoneClient cxone,
            SyncSettings settings, Vertx vertx, ThisInstance instance, JobTracing tracing) {
        this.instance = instance;
        this.tracing = tracing;
        this.owner = instance.owner();
        this.pool = pool;
        this.jobs = jobs;
        this.recorder = recorder;
        this.finisher = finisher;
        this.cxone = cxone;
        this.settings = settings;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (instance.runsJobs()) { // APP_JOBS=off: jobs are queued here and run by an instance with jobs on
            pollTimer = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> wake());
        }
    }

    /**
     * A graceful stop: no new claims or batches; the batches in flight are answered and recorded under our lease
     * (bounded by the drain timeout), the job is handed back, and a last release covers anything left, so another
     * instance resumes at its next poll instead of after the lease.
     */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        vertx.cancelTimer(pollTimer);
        stopSignal.onNext(STOP);
        if (!runs.awaitIdle(instance.drainTimeout())) {
            LOG.warnf("a sync run is still in flight after %s; releasing its job anyway (unrecorded batches stay "
                    + "pending and are sent again by the next owner)", instance.drainTimeout());
        }
        try {
            Integer released = jobs.releaseAll(pool, owner).await().atMost(Duration.ofSeconds(5));
            LOG.infof("Released %d more sync job(s) on shutdown", released);
        } catch (RuntimeException e) {
            LOG.warnf("could not release sync job leases at shutdown (they expire on their own): %s", e.getMessage());
        }
    }

    /** Looks for work now (called on a timer and when a job is created); does nothing while a job runs here. */
    public void wake() {
        if (stopping || !instance.runsJobs() || !busy.compareAndSet(false, true)) {
            return;
        }
        runs.enter();
        jobs.claim(pool, owner, settings.lease())
                .chain(claimed -> claimed.isPresent() ? tracing.traced("sync.run", () -> jobs.traceParent(pool,
                        claimed.get().id()), () -> run(claimed.get())) : Uni.createFrom().item(false))
                .eventually(runs::exit)
                .subscribe().with(finished -> {
                    busy.set(false);
                    if (finished) {
                        wake(); // the next queued job need not wait for the timer
                    }
                }, failure -> {
                    busy.set(false);
                    WARNINGS.warn("sync worker: " + failure + " (retried at the next poll)");
                });
    }

    private Uni<Boolean> run(ClaimedJob job) {
        LOG.infof("sync job %s: working on it as %s", job.id(), owner);
        RunState state = new RunState();
        long renewMs = Math.max(100, settings.lease().toMillis() / 3);
        long renewTimer = vertx.setPeriodic(renewMs, id -> jobs.renew(pool, job.id(), owner, settings.lease())
                .subscribe().with(held -> state.lost.compareAndSet(false, !held),
                        e -> WARNINGS.warn("sync job " + job.id() + ": lease renewal failed: " + e)));
        return jobs.pendingBatches(pool, job.id())
                .chain(batches -> send(job, batches, state))
                .chain(() -> state.stopped(stopping) ? jobs.release(pool, job.id(), owner)
                        .invoke(() -> LOG.infof("sync job %s: handed back (%s)", job.id(), stopping ? "shutting down"
                                : state.lost.get() ? "lease lost" : "CXone paused"))
                        .replaceWith(false) : finisher.finish(job, owner))
                .eventually(() -> vertx.cancelTimer(renewTimer));
    }

    private Uni<Void> send(ClaimedJob job, List<Batch> batches, RunState state) {
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
        // a graceful stop ends the run at once, not at the next tick (which may be far off at a low rate); the signal
        // waits in a buffer of one while every in-flight slot is busy
        return Multi.createBy().merging().streams(ticks, stopSignal.onOverflow().buffer(1))
                .select().first(t -> t != STOP && !state.stopped(stopping))
                .select().first(batches.size())
                // CXone calls and our writes are separate stages: a slow write never holds a CXone slot (and a tick)
                .onItem().transformToUni(t -> call(job, batches.get(next.getAndIncrement()), state))
                .merge(Math.max(1, settings.inFlight()))
                .onItem().transformToUni(sent -> record(job, sent, state))
                .merge(Math.max(1, settings.inFlight()))
                .collect().last().replaceWithVoid()
                .invoke(() -> LOG.infof("sync job %s: %d batches sent in %.1f s (%d ticks passed with %d batches in "
                        + "flight)", job.id(), next.get(), (System.nanoTime() - start) / 1e9, skipped.get(),
                        settings.inFlight()));
    }

    /** One batch-sync call; answers the widgets' outcomes, or null when the batch must stay pending. */
    private Uni<Sent> call(ClaimedJob job, Batch batch, RunState state) {
        if (state.stopped(stopping)) {
            return Uni.createFrom().item(new Sent(batch, null));
        }
        BatchSyncRequest request = new BatchSyncRequest(batch.widgetIds(), job.targetThemeId().toString(),
                job.overrideExisting());
        return cxone.batchSync(request).map(answer -> new Sent(batch, BatchRecorder.outcomes(batch, answer)))
                .onFailure().recoverWithItem(e -> {
                    if (e instanceof CircuitBreakerOpenException || stopping || !fromCxone(e)) {
                        if (!fromCxone(e) && !stopping) {
                            WARNINGS.warn("sync job " + job.id() + ": batch " + batch.number() + " stays pending, not "
                                    + "CXone's failure but ours: " + e + " (resumed at a later poll, here or elsewhere)");
                        }
                        state.paused.set(true); // CXone is down: the batch stays pending; resumed at a later poll
                        return new Sent(batch, null);
                    }
                    return new Sent(batch, BatchRecorder.failed(batch, reason(e)));
                });
    }

    private Uni<Void> record(ClaimedJob job, Sent sent, RunState state) {
        if (sent.outcomes() == null) {
            return Uni.createFrom().voidItem();
        }
        return recorder.record(job, owner, sent.batch(), sent.outcomes())
                .invoke(owned -> state.lost.compareAndSet(false, !owned))
                .onFailure().invoke(e -> LOG.warnf("sync job %s: batch %d not recorded, its widgets stay pending: %s",
                        job.id(), sent.batch().number(), e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Whether a failed batch-sync call is CXone's doing (an answer, or no answer after the retries and timeouts), which
     * may fail its widgets; anything else is this process's own trouble and must never fail them. bench/chaos.sh found
     * one: a sync run starting during a graceful stop, before {@link #stop} ran, got "Client is closed" from the REST
     * client Quarkus had already shut, and recorded 100 widgets FAILED that the next instance would have synced.
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
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }

    /** A batch and what CXone said of its widgets ({@code null}: nothing to record, the batch stays pending). */
    private record Sent(Batch batch, List<SyncWork.Outcome> outcomes) {
    }

    /** Why a run stops early: the lease went to another instance, or CXone calls are paused by the breaker. */
    private static final class RunState {
        final AtomicBoolean lost = new AtomicBoolean();
        final AtomicBoolean paused = new AtomicBoolean();

        boolean stopped(boolean stopping) {
            return stopping || lost.get() || paused.get();
        }
    }
}
