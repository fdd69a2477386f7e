package io.cxone.themes.jobs;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * This instance's hold on one job while the engine runs it. Work checks {@link #ended()} between calls (or waits on
 * {@link #whenEnded()}) and writes only inside {@link #fence}: once the lease is lost or the instance is stopping,
 * work stops at the next boundary and a late write is refused. A unit ends with one lifecycle operation in its last
 * transaction — {@link #complete}, {@link #holdFor} or {@link #handBack} — so the kind's write and the engine's
 * bookkeeping commit together (and every replica is notified of the change on commit).
 */
public final class Lease {
    private final UUID id;
    private final Leases leases;
    private final Duration duration;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile boolean lost;
    private volatile boolean stopping;

    Lease(UUID id, Leases leases, Duration duration) {
        this.id = id;
        this.leases = leases;
        this.duration = duration;
    }

    public UUID id() {
        return id;
    }

    /** The instance that holds it: shown in audit details, so one can tell which process did a step. */
    public String owner() {
        return leases.owner();
    }

    /** Another instance holds the job now. */
    public boolean lost() {
        return lost;
    }

    /** This instance is shutting down: finish the call in flight, write it, take nothing new on. */
    public boolean stopping() {
        return stopping;
    }

    /** Lost or stopping: no new work on this job here. */
    public boolean ended() {
        return lost || stopping;
    }

    /** Completes when the lease ends (lost or stopping), so a paced loop stops at once rather than at its next tick. */
    public Uni<Void> whenEnded() {
        // a copy: cancelling the returned Uni (a stream that stopped listening) must not cancel the lease's own signal
        return Uni.createFrom().completionStage(ended::copy);
    }

    /** Locks the job's row in {@code tx} if still ours, else fails with {@link LostLease} (and marks the lease lost). */
    public Uni<Void> fence(SqlClient tx) {
        return lostOn(leases.fence(tx, id));
    }

    /** The job reached its end (the kind wrote its terminal state in {@code tx}): released, retries reset. */
    public <J> Uni<Next<J>> complete(SqlClient tx) {
        return lostOn(leases.complete(tx, id)).replaceWith(new Next.Done<J>());
    }

    /**
     * The job's next unit is due in {@code delay} and runs here (a timer, the lease renewed meanwhile); stored as due
     * then on the database's clock, so if this instance dies another takes it up when due.
     */
    public <J> Uni<Next<J>> holdFor(SqlClient tx, J job, Duration delay) {
        Duration d = delay.isNegative() ? Duration.ZERO : delay;
        return lostOn(leases.hold(tx, id, d, duration)).replaceWith(Next.again(job, d));
    }

    /** Not finished: released, and due again in {@code after} (zero: at once) for any instance to claim. */
    public <J> Uni<Next<J>> handBack(SqlClient tx, Duration after) {
        Duration d = after.isNegative() ? Duration.ZERO : after;
        return lostOn(leases.handBack(tx, id, d)).replaceWith(new Next.HandBack<J>());
    }

    private Uni<Void> lostOn(Uni<Void> write) {
        return write.onFailure(LostLease.class).invoke(e -> lose());
    }

    void lose() {
        lost = true;
        ended.complete(null);
    }

    void stop() {
        stopping = true;
        ended.complete(null);
    }
}
