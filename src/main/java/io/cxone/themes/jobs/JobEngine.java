package io.cxone.themes.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.cxone.themes.db.Schema;
import io.cxone.themes.log.RateLimitedLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The one job engine: runs every {@link JobKind} bean on this instance (unless {@code APP_JOBS=off}), with one owner
 * identity, one count of work in flight and one graceful stop. Jobs are rows; the engine holds no state another
 * instance could not rebuild from them.
 */
@ApplicationScoped
public class JobEngine {
    private static final Logger LOG = Logger.getLogger(JobEngine.class);

    private static final Duration STATE_GAUGE_REFRESH = Duration.ofSeconds(15);

    private final List<Worker<?>> workers = new ArrayList<>();
    private final Instance<JobKind<?>> kinds;
    private final ThisInstance instance;
    private final Pool pool;
    private final Vertx vertx;
    private final JobTracing tracing;
    private final Schema schema;
    private final JobSignals signals;
    private final RetryDefaults retries;
    private final MeterRegistry registry;
    private final InFlight inFlight = new InFlight();
    // a wake that cannot be sent while the database is down: one line a minute says so
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    JobEngine(Instance<JobKind<?>> kinds, ThisInstance instance, Pool pool, Vertx vertx, JobTracing tracing,
            Schema schema, RetryDefaults retries, MeterRegistry registry, JobSignals signals) {
        this.kinds = kinds;
        this.retries = retries;
        this.registry = registry;
        this.signals = signals;
        this.schema = schema;
        this.instance = instance;
        this.pool = pool;
        this.vertx = vertx;
        this.tracing = tracing;
    }

    void start(@Observes StartupEvent event) {
        DeprecatedJobKeys.warnIfUsed();
        // settings are checked on every instance (an API-only replica with a broken key is as wrong as a worker)
        List<Backoff> backoffs = new ArrayList<>();
        for (JobKind<?> kind : kinds) {
            backoffs.add(checked(kind));
            // every instance reports the shared table's counts alike (dashboards take max, never sum)
            JobTable.StateGauge gauge = kind.table().gauge();
            if (gauge != null) {
                JobStateGauges.register(registry, vertx, pool, gauge.metric(), kind.table().name(), gauge.states(),
                        STATE_GAUGE_REFRESH);
            }
        }
        if (!instance.runsJobs()) {
            return; // APP_JOBS=off: requests still queue jobs (rows), an instance with jobs on claims them
        }
        // a replica started before its release's migration finished waits for the schema instead of failing on it
        schema.whenCurrent(() -> {
            synchronized (workers) {
                int i = 0;
                for (JobKind<?> kind : kinds) {
                    workers.add(new Worker<>(kind, backoffs.get(i++), instance.owner(), pool, vertx, tracing, inFlight,
                            registry));
                }
                workers.forEach(Worker::start);
            }
            // a job queued on any instance (an API-only replica too) is claimed at once, not at the next scan; after a
            // lost LISTEN connection every worker looks once, for what was queued meanwhile
            signals.listen(JobSignals.JOB_QUEUED, this::kick, () -> workers.forEach(Worker::kick));
        });
    }

    /** The kind's failure policy; a setting out of range stops the start with the key to fix. */
    private Backoff checked(JobKind<?> kind) {
        JobSettings s = kind.settings();
        String of = " (the " + kind.table().noun() + " jobs' app.jobs.<kind>.* settings)";
        if (s.lease().isNegative() || s.lease().isZero() || s.scan().isNegative() || s.scan().isZero()) {
            throw new IllegalStateException("lease and scan must be positive, found " + s.lease() + ", " + s.scan() + of);
        }
        if (s.batch() < 1 || s.maxHeld() < 1) {
            throw new IllegalStateException("batch and max-held must be at least 1, found " + s.batch() + ", "
                    + s.maxHeld() + of);
        }
        try {
            return Backoff.of(s, retries);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage() + of + " or app.jobs.*", e);
        }
    }

    /**
     * Tells every instance with jobs on (this one too) that a job of {@code table} was queued: call it after the
     * creating transaction committed. Where the notification cannot be sent, this instance looks at once and the
     * others at their next scan.
     */
    public void wake(JobTable table) {
        signals.notify(JobSignals.JOB_QUEUED, table.name()).subscribe().with(v -> { }, e -> {
            warnings.warn("Could not notify the other instances of a queued " + table.noun() + " job (they find it at "
                    + "their next scan): " + e.getMessage());
            kick(table.name());
        });
    }

    private void kick(String table) {
        for (Worker<?> worker : workers) {
            if (worker.table().name().equals(table)) {
                worker.kick();
            }
        }
    }

    /**
     * A graceful stop: no more claims or new units; the units in flight end (bounded by the drain timeout) so their
     * writes land under our leases; then every job this instance holds is released, so another instance resumes it at
     * its next scan instead of after the lease.
     */
    void stop(@Observes ShutdownEvent event) {
        drainAndRelease(workers, inFlight, instance.drainTimeout());
    }

    /** The graceful stop of {@code workers} (apart from the CDI event, so that the engine's own tests drive it). */
    static void drainAndRelease(List<Worker<?>> workers, InFlight inFlight, Duration drainTimeout) {
        if (workers.isEmpty()) {
            return;
        }
        workers.forEach(Worker::stopClaiming);
        if (!inFlight.awaitIdle(drainTimeout)) {
            LOG.warnf("%d job step(s) still in flight after %s; releasing anyway (their late writes are refused, the "
                    + "next owner redoes them)", inFlight.count(), drainTimeout);
        }
        for (Worker<?> worker : workers) {
            try {
                Integer released = worker.releaseAll().await().atMost(Duration.ofSeconds(5));
                LOG.infof("Released %d %s job(s) on shutdown", released, worker.table().noun());
            } catch (RuntimeException e) {
                LOG.warnf("Could not release %s jobs on shutdown (others take them after the lease): %s",
                        worker.table().noun(), e.getMessage());
            }
        }
    }
}
