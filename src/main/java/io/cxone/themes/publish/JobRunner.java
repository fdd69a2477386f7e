package io.cxone.themes.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.cxone.themes.jobs.InFlight;
import io.cxone.themes.jobs.JobTracing;
import io.cxone.themes.jobs.ThisInstance;
import io.cxone.themes.log.RateLimitedLog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Runs publication jobs: claims due jobs nobody holds (periodically, and at once when one is requested), then drives
 * each claimed job step by step on timers while renewing its lease. Jobs of a crashed instance are claimed by whichever
 * instance scans after their lease ran out; SKIP LOCKED and the lease keep any job from running twice at once.
 */
@ApplicationScoped
class JobRunner {
    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    // a scan fails every scan-interval while the database is down: one line a minute says so
    private static final RateLimitedLog WARNINGS = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    private final Set<UUID> working = ConcurrentHashMap.newKeySet();
    private final Pool pool;
    private final PublicationRepository repository;
    private final PublicationJob job;
    private final JobStore store;
    private final Vertx vertx;
    private final PublishConfig config;
    private final ThisInstance instance;
    private final JobTracing tracing;
    private final InFlight steps = new InFlight();
    private volatile boolean running;
    private long scanTimer = -1;
    private long renewTimer = -1;

    JobRunner(Pool pool, PublicationRepository repository, PublicationJob job, JobStore store, Vertx vertx,
            PublishConfig config, ThisInstance instance, JobTracing tracing) {
        this.instance = instance;
        this.tracing = tracing;
        this.pool = pool;
        this.repository = repository;
        this.job = job;
        this.store = store;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!instance.runsJobs()) {
            return; // APP_JOBS=off: requests still queue jobs (rows), an instance with jobs on claims them
        }
        running = true;
        scanTimer = vertx.setPeriodic(config.scanInterval().toMillis(), t -> kick());
        renewTimer = vertx.setPeriodic(Math.max(100, config.lease().toMillis() / 3), t -> renew());
        LOG.infof("Publication jobs run here as %s (lease %s, scan every %s, %s polling)", store.owner(), config.lease(),
                config.scanInterval(), config.pollSchedule());
        kick(); // resume what a previous run left unfinished
    }

    /**
     * A graceful stop: no more claims or new steps, the steps in flight end (bounded by the drain timeout) so their
     * writes land under our lease, then every job this instance holds is released: another instance resumes it at
     * its next scan instead of after the lease.
     */
    void stop(@Observes ShutdownEvent event) {
        if (!running) {
            return;
        }
        running = false;
        vertx.cancelTimer(scanTimer);
        vertx.cancelTimer(renewTimer);
        if (!steps.awaitIdle(instance.drainTimeout())) {
            LOG.warnf("%d publication step(s) still in flight after %s; releasing anyway (their late writes are refused, "
                    + "the next owner redoes them)", steps.count(), instance.drainTimeout());
        }
        try {
            Integer released = repository.release(pool, store.owner()).await().atMost(Duration.ofSeconds(5));
            LOG.infof("Released %d publication job(s) on shutdown", released);
        } catch (RuntimeException e) {
            LOG.warnf("Could not release publication jobs on shutdown (others take them after the lease): %s", e.getMessage());
        }
    }

    /** Claims and starts whatever is due now. Safe to call at any time, from any instance. */
    void kick() {
        if (!running) {
            return;
        }
        repository.claim(pool, store.owner(), Instant.now(), config.lease(), config.claimBatch()).subscribe().with(claimed -> {
            claimed.forEach(this::run);
            if (claimed.size() == config.claimBatch()) {
                kick(); // there may be more
            }
        }, e -> WARNINGS.warn("Could not claim publication jobs (retried every " + config.scanInterval() + "): "
                + e.getMessage()));
    }

    private void run(Publication p) {
        if (!working.add(p.id())) {
            return; // re-claimed after a missed renewal while its steps still run here: one chain per job
        }
        step(p);
    }

    private void step(Publication p) {
        if (!running) {
            working.remove(p.id());
            return; // stopping: the job is released as it was last saved
        }
        steps.enter();
        tracing.traced("publication.step " + p.state(), p.requestId(), () -> repository.traceParent(pool, p.id()),
                () -> job.step(p))
                .eventually(steps::exit).subscribe().with(next -> {
            if (next.state().terminal() || !running) {
                working.remove(p.id());
                return;
            }
            long delay = Math.max(1, next.nextRunAt().toEpochMilli() - System.currentTimeMillis());
            vertx.setTimer(delay, t -> step(next));
        }, e -> {
            // our lease lapses and a scan (here or elsewhere) takes the job up again from what was stored
            working.remove(p.id());
            if (e instanceof JobStore.LostLease) {
                LOG.infof("Publication %s is now run by another instance", p.id());
            } else {
                LOG.warnf(e, "Publication %s step failed; it resumes after its lease (%s)", p.id(), config.lease());
            }
        });
    }

    private void renew() {
        if (working.isEmpty()) {
            return;
        }
        List<UUID> ids = List.copyOf(working);
        // also while a step waits for CXone: the lease never lapses under a call in flight
        repository.renew(pool, store.owner(), ids, config.lease()).subscribe().with(n -> {
        }, e -> WARNINGS.warn("Could not renew publication leases: " + e.getMessage()));
    }
}
