package io.cxone.themes.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.jobs.ScratchJobs.Job;
import io.cxone.themes.jobs.ScratchJobs.Kind;
import io.cxone.themes.jobs.ScratchJobs.Run;
import io.cxone.themes.jobs.ScratchJobs.Running;
import io.cxone.themes.jobs.ScratchJobs.Settings;
import io.cxone.themes.jobs.ScratchJobs.Stored;
import io.cxone.themes.support.Waits;
import io.smallrye.mutiny.Uni;

/**
 * A {@link Worker} running a fake kind on a scratch table ({@link ScratchJobs}): it renews what it holds, lets go of a
 * job whose lease another instance took, carries out the lifecycle operations a unit ends with (complete, hand back,
 * hold for a delay on the database's clock, resumed elsewhere after a crash), and stops gracefully
 * ({@link JobEngine#drainAndRelease}). Time is short leases and delays; waits are on the rows, never on the clock.
 */
class WorkerTest {
    private static final String A = "instance-a";
    private static final String B = "instance-b";
    private final ScratchJobs jobs = new ScratchJobs();

    @AfterEach
    void close() {
        jobs.close();
    }

    @Test
    void aHeldJobsLeaseIsRenewedPastItsFirstTerm() {
        UUID id = jobs.insert(null);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        Kind kind = jobs.kind(Settings.of(Duration.ofMillis(600)),
                (run, job) -> Uni.createFrom().completionStage(gate).chain(() -> jobs.finish(run)));
        jobs.start(kind, A, ScratchJobs.neverRetried());
        jobs.start(kind, B, ScratchJobs.neverRetried()); // would take it over if A's lease lapsed
        Stored claimed = jobs.until(id, "claimed", s -> s.leaseOwner() != null);
        String holder = claimed.leaseOwner();
        OffsetDateTime firstTerm = claimed.leaseUntil();
        // renewed, not claimed again: a lapsed lease would be claimed anew (by B, or by A itself), counted in claims
        jobs.until(id, "still held on its first claim after the lease first seen ran out", s -> s.dbNow()
                .isAfter(firstTerm) && holder.equals(s.leaseOwner()) && s.leaseUntil().isAfter(s.dbNow())
                && s.claims() == 1);
        gate.complete(null);
        Stored done = jobs.until(id, "done", s -> "DONE".equals(s.state()) && s.free());
        assertEquals(1, kind.runs.size(), kind.runs.toString());
        assertEquals(1, done.claims());
    }

    @Test
    void aWorkerWhoseLeaseWasTakenStopsItsUnitAndCountsNoFailure() {
        UUID id = jobs.insert(null);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        List<Throwable> refused = new CopyOnWriteArrayList<>();
        Kind kind = jobs.kind(Settings.of(Duration.ofMillis(600)), (run, job) -> run.call() > 1 ? jobs.finish(run)
                : Uni.createFrom().completionStage(gate)
                        .chain(() -> jobs.fencedStep(run))
                        .onFailure().invoke(refused::add).replaceWith(Next.again(job, Duration.ZERO)));
        Running a = jobs.start(kind, A, ScratchJobs.neverRetried());
        Waits.until("A runs the job", () -> kind.runs.size() == 1);
        Lease lease = kind.runs.get(0).lease();

        // another owner holds it now, as after A's lease lapsed; A's next renewal finds out
        jobs.sql("UPDATE " + jobs.table.name() + " SET lease_owner = 'instance-thief', lease_until = now() + "
                + "interval '1 hour' WHERE id = '" + id + "'");
        Waits.until("A's lease reads as lost", lease::lost);
        gate.complete(null);
        Waits.until("A's late write was refused", () -> !refused.isEmpty());
        assertInstanceOf(LostLease.class, refused.get(0));
        assertEquals(0, jobs.stored(id).steps(), "the late write did not land");

        // the thief lets go; A took its hands off the job, so it may claim it again like any other
        jobs.sql("UPDATE " + jobs.table.name() + " SET lease_owner = NULL, lease_until = NULL WHERE id = '" + id + "'");
        Stored done = jobs.until(id, "done", s -> "DONE".equals(s.state()) && s.free());
        assertEquals(List.of(A, A), kind.runs.stream().map(Run::owner).toList());
        assertEquals(1, done.steps());
        assertEquals(0, done.failedAttempts(), "a lost lease is not a failed attempt");
        assertNull(done.lastFailure());
        assertEquals(0, a.failedAttempts());
    }

    @Test
    void completeReleasesTheJobWithTheKindsWriteAndResetsItsFailures() {
        UUID id = jobs.insertFailed(2);
        Kind kind = jobs.kind(Settings.of(Duration.ofSeconds(5)), (run, job) -> jobs.finish(run));
        Running a = jobs.start(kind, A, ScratchJobs.neverRetried());
        Stored done = jobs.until(id, "done", s -> "DONE".equals(s.state()) && s.free());
        assertEquals(A, done.outcome());
        assertEquals(1, done.steps());
        assertEquals(0, done.failedAttempts());
        assertNull(done.lastFailure());
        assertEquals(1, kind.runs.size());
        assertEquals(0, a.failedAttempts());
    }

    @Test
    void handBackReleasesTheJobDueAfterTheGivenDelay() {
        Duration after = Duration.ofMillis(400);
        UUID id = jobs.insertFailed(2);
        List<Stored> seen = new CopyOnWriteArrayList<>();
        Kind kind = jobs.kind(Settings.of(Duration.ofSeconds(5)), (run, job) -> run.call() > 1
                ? jobs.stored(jobs.pool, id).invoke(seen::add).chain(() -> jobs.finish(run))
                : jobs.pool.withTransaction(tx -> run.lease().fence(tx).chain(() -> jobs.step(tx, id))
                        .chain(() -> jobs.stored(tx, id)).invoke(seen::add)
                        .chain(() -> run.lease().<Job> handBack(tx, after))
                        .call(() -> jobs.stored(tx, id).invoke(seen::add))));
        jobs.start(kind, A, ScratchJobs.neverRetried());
        jobs.until(id, "done", s -> "DONE".equals(s.state()));
        Stored before = seen.get(0);
        Stored handedBack = seen.get(1);
        Stored resumed = seen.get(2);
        assertTrue(handedBack.free(), handedBack.toString());
        assertEquals(after, Duration.between(before.dbNow(), handedBack.runAt()), "due after `after`, on the "
                + "database's clock");
        assertEquals(0, handedBack.failedAttempts());
        assertNull(handedBack.lastFailure());
        assertFalse(resumed.dbNow().isBefore(handedBack.runAt()), "claimed again only when due: " + resumed);
        assertEquals(2, kind.runs.size());
        assertFalse(kind.runs.get(0).lease() == kind.runs.get(1).lease(), "a new claim, not a timer here");
    }

    @Test
    void holdForKeepsTheJobAndRunsItHereWhenDueOnTheDatabasesClock() {
        Duration hold = Duration.ofMillis(300);
        Duration lease = Duration.ofSeconds(5);
        UUID id = jobs.insertFailed(2);
        List<Stored> seen = new CopyOnWriteArrayList<>();
        Kind kind = jobs.kind(Settings.of(lease), (run, job) -> run.call() > 1 ? jobs.finish(run)
                : jobs.pool.withTransaction(tx -> run.lease().fence(tx).chain(() -> jobs.step(tx, id))
                        .chain(() -> run.lease().holdFor(tx, job, hold))
                        .call(() -> jobs.stored(tx, id).invoke(seen::add))));
        jobs.start(kind, A, ScratchJobs.neverRetried());
        jobs.until(id, "done", s -> "DONE".equals(s.state()) && s.free());
        Stored held = seen.get(0);
        assertEquals(A, held.leaseOwner(), "still ours while held");
        assertEquals(hold, Duration.between(held.dbNow(), held.runAt()), "due on the database's clock");
        assertEquals(hold.plus(lease), Duration.between(held.dbNow(), held.leaseUntil()), "held past the due time");
        assertEquals(0, held.failedAttempts());
        assertNull(held.lastFailure());
        assertEquals(2, kind.runs.size());
        assertSame(kind.runs.get(0).lease(), kind.runs.get(1).lease(), "the next unit ran here, on the same lease");
    }

    @Test
    void aHeldJobIsResumedByAnotherWorkerAfterItsHolderCrashed() {
        Duration hold = Duration.ofMillis(200);
        Duration lease = Duration.ofMillis(500);
        List<Stored> seen = new CopyOnWriteArrayList<>();
        Running[] a = new Running[1];
        Kind kind = jobs.kind(Settings.of(lease), (run, job) -> run.call() > 1
                ? jobs.stored(jobs.pool, job.id()).invoke(seen::add).chain(() -> jobs.finish(run))
                : jobs.pool.withTransaction(tx -> run.lease().fence(tx).chain(() -> jobs.step(tx, job.id()))
                        .chain(() -> run.lease().holdFor(tx, job, hold))
                        .call(() -> jobs.stored(tx, job.id()).invoke(seen::add)))
                        // A dies now: no timer of it fires again and nothing is released
                        .invoke(() -> a[0].worker().stopClaiming()));
        a[0] = jobs.start(kind, A, ScratchJobs.neverRetried());
        UUID id = jobs.insert(null);
        Waits.until("A held the job", () -> seen.size() == 1);
        jobs.start(kind, B, ScratchJobs.neverRetried());
        jobs.until(id, "done", s -> "DONE".equals(s.state()) && s.free());
        Stored held = seen.get(0);
        Stored resumed = seen.get(1);
        assertEquals(List.of(A, B), kind.runs.stream().map(Run::owner).toList());
        assertEquals(held.runAt(), resumed.runAt(), "the schedule is stored, not in A's memory");
        assertFalse(resumed.dbNow().isBefore(held.leaseUntil()), "taken over only after A's lease: " + resumed);
        assertEquals(2, jobs.stored(id).steps());
    }

    @Test
    void aGracefulStopWaitsForTheUnitInFlightThenReleasesWhatItHolds() throws InterruptedException {
        UUID first = jobs.insert(null);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        Kind kind = jobs.kind(Settings.of(Duration.ofSeconds(5)).held(1, 1), (run, job) -> B.equals(run.owner())
                ? jobs.finish(run)
                : Uni.createFrom().completionStage(gate)
                        .chain(() -> jobs.fencedStep(run))
                        .replaceWith(Next.again(job, Duration.ZERO))); // more to do, which the stop must not start
        Running a = jobs.start(kind, A, ScratchJobs.neverRetried());
        Waits.until("A's unit is in flight", () -> kind.runs.size() == 1);
        UUID second = jobs.insert(null); // queued while A is full

        Thread stop = new Thread(() -> JobEngine.drainAndRelease(List.of(a.worker()), a.inFlight(), Waits.PATIENCE),
                "graceful-stop");
        stop.start();
        Waits.until("the stop waits for the unit in flight (or has ended)", () -> !stop.isAlive() || inAwaitIdle(stop));
        Lease lease = kind.runs.get(0).lease();
        assertTrue(lease.stopping(), "the unit is told to stop at its next boundary");
        assertEquals(1, a.inFlight().count());
        gate.complete(null);
        stop.join();

        Stored released = jobs.stored(first);
        assertTrue(released.free(), "released on the way out: " + released);
        assertEquals(1, released.steps(), "the unit's write landed under the lease before the release");
        assertEquals("QUEUED", released.state(), "unfinished: due as it was, for another instance");
        assertEquals(0, a.inFlight().count());

        jobs.start(kind, B, ScratchJobs.neverRetried());
        jobs.until(first, "finished by B", s -> "DONE".equals(s.state()) && s.free());
        jobs.until(second, "finished by B", s -> "DONE".equals(s.state()) && s.free());
        assertEquals(List.of(first), kind.runs.stream().filter(r -> A.equals(r.owner())).map(Run::id).toList(),
                "A started no unit and claimed nothing once stopping");
    }

    private static boolean inAwaitIdle(Thread thread) {
        return thread.getState() == Thread.State.TIMED_WAITING && Arrays.stream(thread.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(InFlight.class.getName())
                        && f.getMethodName().equals("awaitIdle"));
    }
}
