package io.cxone.themes.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.cxone.themes.log.RateLimitedLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Runs the jobs of one kind on this instance: claims runnable jobs nobody holds (every scan interval, and at once when
 * woken), drives each claimed job unit by unit, renews the leases of everything it holds, and on a graceful stop ends
 * its work and hands the jobs back. At most one chain of work per job runs here, and at most {@code maxHeld} jobs.
 * A unit that fails is a failed attempt: the job is released to run again after a backoff, and after the kind's max
 * attempts (or at once, for a row the kind cannot read) it ends in the kind's failure state ({@link JobKind#giveUp}).
 */
final class Worker<J> {
    private static final Logger LOG = Logger.getLogger(JobEngine.class);

    private final JobKind<J> kind;
    private final JobSettings settings;
    private final Backoff backoff;
    private final Leases leases;
    private final Pool pool;
    private final Vertx vertx;
    private final JobTracing tracing;
    private final InFlight inFlight;
    private final Counter failedAttempts;
    private final Counter givenUp;
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

    Worker(JobKind<J> kind, Backoff backoff, String owner, Pool pool, Vertx vertx, JobTracing tracing,
            InFlight inFlight, MeterRegistry registry) {
        this.kind = kind;
        this.settings = kind.settings();
        this.backoff = backoff;
        this.leases = new Leases(kind.table(), owner);
        String noun = kind.table().noun();
        this.failedAttempts = Counter.builder("jobs.attempts.failed").tag("kind", noun)
                .description("Units of job work that failed (each is retried after a backoff, or ends the job)")
                .register(registry);
        this.givenUp = Counter.builder("jobs.given.up").tag("kind", noun)
                .description("Jobs ended in their kind's failure state by the engine: attempts used up, or unreadable")
                .register(registry);
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
        scanTimer = vertx.setPeriodic(settings.scan().toMillis(), t -> kick());
        // also while a unit waits for CXone: a lease never lapses under a call in flight
        renewTimer = vertx.setPeriodic(Math.max(100, settings.lease().toMillis() / 3), t -> renew());
        LOG.infof("%s jobs: lease %s, scan every %s, %d claimed per scan, at most %d held, %d attempts (retry after "
                + "%s doubling to %s)", kind.table().noun(), settings.lease(), settings.scan(), settings.batch(),
                settings.maxHeld(), backoff.maxAttempts(), backoff.base(), backoff.max());
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
        int room = Math.min(settings.batch(), settings.maxHeld() - held.size());
        if (room <= 0) {
            claiming.set(false);
            return;
        }
        leases.claim(pool, settings.lease(), room).subscribe().with(rows -> {
            claiming.set(false);
            rows.forEach(this::begin);
            if (rows.size() == room || claimAgain) {
                kick(); // there may be more
            }
        }, e -> {
            claiming.set(false);
            warnings.warn("Could not claim " + kind.table().noun() + " jobs (retried every " + settings.scan()
                    + "): " + e.getMessage());
        });
    }

    private void begin(Row row) {
        UUID id = row.getUUID("id");
        Held h = new Held(new Lease(id, leases, settings.lease()), optional(row, "request_id"),
                optional(row, "trace_parent"));
        if (held.putIfAbsent(id, h) != null) {
            return; // claimed again after a missed renewal while its work still runs here: one chain per job
        }
        J job;
        try {
            job = kind.claimed(row);
        } catch (RuntimeException e) {
            // claimed again it would fail again, forever: it ends now, as if its attempts were used up
            LOG.errorf(e, "%s job %s cannot be read; it ends in its failure state", kind.table().noun(), id);
            giveUp(h, Math.max(1, row.getInteger("failed_attempts")), "the job's stored row cannot be read ("
                    + Leases.reason(e) + ")");
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
            // a no-op after Lease.handBack (already released); needed while a kind still hands back without it
            leases.release(pool, h.lease().id()).subscribe().with(released -> end(h), e -> {
                warnings.warn("Could not hand back " + kind.table().noun() + " job " + h.lease().id()
                        + " (it is taken over after its lease): " + e.getMessage());
                end(h);
            });
        } else {
            end(h); // Done: the lease's lifecycle operation released the row with the kind's write
        }
    }

    private void failed(Held h, Throwable failure) {
        UUID id = h.lease().id();
        if (failure instanceof LostLease) {
            LOG.infof("%s job %s is now run by another instance", kind.table().noun(), id);
            held.remove(id, h);
            return;
        }
        failedAttempts.increment();
        String reason = Leases.reason(failure);
        pool.withTransaction(tx -> leases.fenceForFailure(tx, id).chain(before -> {
            int failures = before + 1;
            if (backoff.exhausted(failures)) {
                LOG.errorf(failure, "%s job %s failed %d time(s) in a row; it ends in its failure state",
                        kind.table().noun(), id, failures);
                return Uni.createFrom().item(failures); // ended below, in transactions of its own
            }
            Duration delay = backoff.delayAfter(failures);
            LOG.warnf(failure, "%s job %s: attempt failed (%d of %d); retried in %d ms", kind.table().noun(), id,
                    failures, backoff.maxAttempts(), delay.toMillis());
            return leases.retryLater(tx, id, failures, reason, delay).invoke(() -> retryHere(delay)).replaceWith(0);
        })).chain(exhausted -> exhausted == 0 ? Uni.createFrom().voidItem()
                : giveUp(id, exhausted, "gave up after " + exhausted + " failed attempt(s); last: " + reason))
                .subscribe().with(done -> end(h), e -> {
                    // the database is down or the lease is gone: the row stays as stored, taken up after its lease
                    warnings.warn("Could not record a failed " + kind.table().noun() + " job " + id + " ("
                            + e.getMessage() + "); it is taken up again after its lease");
                    held.remove(id, h);
                });
    }

    /** Gives a held job up (a row the kind cannot read). */
    private void giveUp(Held h, int failures, String reason) {
        UUID id = h.lease().id();
        giveUp(id, failures, reason).subscribe().with(done -> end(h), e -> {
            warnings.warn("Could not end " + kind.table().noun() + " job " + id + " (" + e.getMessage()
                    + "); it is taken up again after its lease");
            held.remove(id, h);
        });
    }

    /**
     * The kind's failure state and the engine's record, in one transaction. If that fails, the give-up is tried again
     * after a backoff (a passing database error must not end a job for good); if it fails again, the row is parked,
     * never due again, rather than claimed and failed in a loop. Separate transactions, not a savepoint: the reactive
     * client rolls a transaction back as soon as any statement in it fails.
     */
    private Uni<Void> giveUp(UUID id, int failures, String reason) {
        String cut = reason.length() <= Leases.MAX_REASON ? reason : reason.substring(0, Leases.MAX_REASON - 1) + "…";
        return pool.withTransaction(tx -> leases.fenceForFailure(tx, id)
                .chain(() -> kind.giveUp(tx, id, cut))
                .chain(() -> leases.giveUp(tx, id, failures, cut, false)))
                .invoke(() -> givenUp.increment())
                .onFailure(e -> !(e instanceof LostLease)).recoverWithUni(e -> {
                    if (failures <= backoff.maxAttempts()) {
                        int next = backoff.maxAttempts() + 1; // past the limit: the next failure gives up again
                        Duration delay = backoff.delayAfter(next);
                        LOG.errorf(e, "%s job %s could not be ended by its kind; tried again in %d ms",
                                kind.table().noun(), id, delay.toMillis());
                        return pool.withTransaction(tx -> leases.fenceForFailure(tx, id)
                                .chain(() -> leases.retryLater(tx, id, next, cut, delay)))
                                .invoke(() -> retryHere(delay));
                    }
                    LOG.errorf(e, "%s job %s could not be ended by its kind twice; parked (run_at = infinity): fix or "
                            + "delete the row", kind.table().noun(), id);
                    return pool.withTransaction(tx -> leases.fenceForFailure(tx, id)
                            .chain(() -> leases.giveUp(tx, id, failures, cut, true)))
                            .invoke(() -> givenUp.increment());
                });
    }

    /** A retry is due after {@code delay}: look then, rather than at the next scan (the scan is a slow backstop). */
    private void retryHere(Duration delay) {
        vertx.setTimer(Math.max(1, delay.toMillis()), t -> kick());
    }

    private void end(Held h) {
        boolean wasFull = held.size() >= settings.maxHeld();
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
        leases.renew(pool, ids, settings.lease()).subscribe().with(still -> ids.forEach(id -> {
            Held h = held.get(id);
            if (h != null && !still.contains(id)) {
                h.lease().lose();
            }
        }), e -> warnings.warn("Could not renew " + kind.table().noun() + " leases: " + e.getMessage()));
    }
}
