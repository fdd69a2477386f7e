package io.cxone.themes.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.cxone.themes.db.Schema;
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

    private final List<Worker<?>> workers = new ArrayList<>();
    private final Instance<JobKind<?>> kinds;
    private final ThisInstance instance;
    private final Pool pool;
    private final Vertx vertx;
    private final JobTracing tracing;
    private final Schema schema;
    private final RetryDefaults retries;
    private final MeterRegistry registry;
    private final InFlight inFlight = new InFlight();

    JobEngine(Instance<JobKind<?>> kinds, ThisInstance instance, Pool pool, Vertx vertx, JobTracing tracing,
            Schema schema, RetryDefaults retries, MeterRegistry registry) {
        this.kinds = kinds;
        this.retries = retries;
        this.registry = registry;
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

    /** Looks for runnable jobs of {@code table} now (a request just queued one); a no-op where jobs are off. */
    public void wake(JobTable table) {
        for (Worker<?> worker : workers) {
            if (worker.table().name().equals(table.name())) {
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
        if (workers.isEmpty()) {
            return;
        }
        workers.forEach(Worker::stopClaiming);
        if (!inFlight.awaitIdle(instance.drainTimeout())) {
            LOG.warnf("%d job step(s) still in flight after %s; releasing anyway (their late writes are refused, the "
                    + "next owner redoes them)", inFlight.count(), instance.drainTimeout());
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
