package io.cxone.themes.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.cxone.themes.log.RateLimitedLog;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Runs the jobs of one kind on this instance: claims runnable jobs nobody holds (every scan interval, and at once when
 * woken), drives each claimed job unit by unit, renews the leases of everything it holds, and on a graceful stop ends
 * its work and hands the jobs back. At most one chain of work per job runs here, and at most {@code maxHeld} jobs.
 */
final class Worker<J> {
    private static final Logger LOG = Logger.getLogger(JobEngine.class);

    private final JobKind<J> kind;
    private final Leases leases;
    private final Pool pool;
    private final Vertx vertx;
    private final JobTracing tracing;
    private final InFlight inFlight;
    // a scan fails every scan interval while the database is down: one line a minute says so
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, Duration.ofMinutes(1));
    private final Map<UUID, Held> held = new ConcurrentHashMap<>();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private volatile boolean claimAgain;
    private volatile boolean running;
    private long scanTimer = -1;
    private long renewTimer = -1;

    /** A job held here: its lease, and the request id and traceparent of the request that queued it (read at claim). */
    private record Held(Lease lease, String requestId, String traceParent) {
    }

    Worker(JobKind<J> kind, String owner, Pool pool, Vertx vertx, JobTracing tracing, InFlight inFlight) {
        this.kind = kind;
        this.leases = new Leases(kind.table(), owner);
        this.pool = pool;
        this.vertx = vertx;
        this.tracing = tracing;
        this.inFlight = inFlight;
    }

    JobTable table() {
        return kind.table();
    }

    void start() {
        running = true;
        scanTimer = vertx.setPeriodic(kind.scanInterval().toMillis(), t -> kick());
        // also while a unit waits for CXone: a lease never lapses under a call in flight
        renewTimer = vertx.setPeriodic(Math.max(100, kind.lease().toMillis() / 3), t -> renew());
        LOG.infof("%s jobs: lease %s, scan every %s, %d claimed per scan, at most %d held", kind.table().noun(),
                kind.lease(), kind.scanInterval(), kind.claimBatch(), kind.maxHeld());
        kick(); // resume what a previous run left unfinished
    }

    /** No more claims or new units; every held lease ends, so paced work stops at its next boundary. */
    void stopClaiming() {
        running = false;
        vertx.cancelTimer(scanTimer);
        vertx.cancelTimer(renewTimer);
        held.values().forEach(h -> h.lease().stop());
    }

    Uni<Integer> releaseAll() {
        return leases.releaseAll(pool);
    }

    /** Claims and starts whatever is runnable now, up to the room left. Safe to call at any time, from any thread. */
    void kick() {
        if (!running) {
            return;
        }
        if (!claiming.compareAndSet(false, true)) {
            claimAgain = true; // the claim in flight may have missed what woke us: claim once more after it
            return;
        }
        claimAgain = false;
        int room = Math.min(kind.claimBatch(), kind.maxHeld() - held.size());
        if (room <= 0) {
            claiming.set(false);
            return;
        }
        leases.claim(pool, kind.lease(), room).subscribe().with(rows -> {
            claiming.set(false);
            rows.forEach(this::begin);
            if (rows.size() == room || claimAgain) {
                kick(); // there may be more
            }
        }, e -> {
            claiming.set(false);
            warnings.warn("Could not claim " + kind.table().noun() + " jobs (retried every " + kind.scanInterval()
                    + "): " + e.getMessage());
        });
    }

    private void begin(Row row) {
        UUID id = row.getUUID("id");
        Held h = new Held(new Lease(id, leases), optional(row, "request_id"), optional(row, "trace_parent"));
        if (held.putIfAbsent(id, h) != null) {
            return; // claimed again after a missed renewal while its work still runs here: one chain per job
        }
        J job;
        try {
            job = kind.claimed(row);
        } catch (RuntimeException e) {
            held.remove(id, h);
            LOG.errorf(e, "%s job %s cannot be read; it is left to its lease", kind.table().noun(), id);
            return;
        }
        step(h, job);
    }

    /** A column a job table may lack (a kind whose jobs no request queued has no request id). */
    private static String optional(Row row, String column) {
        return row.getColumnIndex(column) < 0 ? null : row.getString(column);
    }

    private void step(Held h, J job) {
        if (!running || h.lease().ended()) {
            end(h); // stopping or taken over: the job stays as last stored; release or the new owner carry on
            return;
        }
        inFlight.enter();
        // its log lines carry the id of the request that queued the job; its span is a child of that request's
        tracing.traced(kind.spanName(job), h.requestId(), () -> Uni.createFrom().item(h.traceParent()),
                () -> Uni.createFrom().deferred(() -> kind.run(job, h.lease())))
                .eventually(inFlight::exit)
                .subscribe().with(next -> after(h, next), failure -> failed(h, failure));
    }

    private void after(Held h, Next<J> next) {
        if (next instanceof Next.Again<J> again) {
            long delay = Math.max(1, again.delay().toMillis());
            vertx.setTimer(delay, t -> step(h, again.job()));
        } else if (next instanceof Next.HandBack<J>) {
            leases.release(pool, h.lease().id()).subscribe().with(released -> end(h), e -> {
                warnings.warn("Could not hand back " + kind.table().noun() + " job " + h.lease().id()
                        + " (it is taken over after its lease): " + e.getMessage());
                end(h);
            });
        } else {
            end(h);
        }
    }

    private void failed(Held h, Throwable failure) {
        UUID id = h.lease().id();
        if (failure instanceof LostLease) {
            LOG.infof("%s job %s is now run by another instance", kind.table().noun(), id);
        } else {
            // our lease lapses and a scan (here or elsewhere) takes the job up again from what was stored
            LOG.warnf(failure, "%s job %s: a step failed; it resumes after its lease (%s)", kind.table().noun(), id,
                    kind.lease());
        }
        held.remove(id, h);
    }

    private void end(Held h) {
        boolean wasFull = held.size() >= kind.maxHeld();
        held.remove(h.lease().id(), h);
        if (wasFull) {
            kick(); // the next queued job need not wait for the scan
        }
    }

    private void renew() {
        if (held.isEmpty()) {
            return;
        }
        List<UUID> ids = List.copyOf(held.keySet());
        leases.renew(pool, ids, kind.lease()).subscribe().with(still -> ids.forEach(id -> {
            Held h = held.get(id);
            if (h != null && !still.contains(id)) {
                h.lease().lose();
            }
        }), e -> warnings.warn("Could not renew " + kind.table().noun() + " leases: " + e.getMessage()));
    }
}
