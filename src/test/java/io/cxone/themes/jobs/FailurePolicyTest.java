package io.cxone.themes.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.jobs.ScratchJobs.Kind;
import io.cxone.themes.jobs.ScratchJobs.Running;
import io.cxone.themes.jobs.ScratchJobs.Settings;
import io.cxone.themes.jobs.ScratchJobs.Stored;
import io.smallrye.mutiny.Uni;

/**
 * The engine's failure policy on a fake kind ({@link ScratchJobs}): a unit that fails is counted on the row with its
 * reason and retried after a backoff (on the database's clock), the count starts over after a lifecycle operation
 * succeeds, the job ends in the kind's failure state after the max attempts, a row the kind cannot read ends at once,
 * and a job even its kind cannot end is parked rather than failed in a loop.
 */
class FailurePolicyTest {
    private static final String A = "instance-a";
    private final ScratchJobs jobs = new ScratchJobs();

    @AfterEach
    void close() {
        jobs.close();
    }

    @Test
    void failedAttemptsAreCountedRetriedAfterABackoffAndStartOverAfterASuccess() {
        // three attempts allowed: two failures, a hold (success), one more failure, then done. Without the reset
        // the fourth attempt's failure would be the third in a row and end the job.
        Backoff backoff = ScratchJobs.backoff(3, Duration.ofMillis(200), Duration.ofSeconds(10));
        UUID id = jobs.insert(null);
        List<Stored> seen = new CopyOnWriteArrayList<>();
        Kind kind = jobs.kind(Settings.of(Duration.ofSeconds(5)), (run, job) -> jobs.stored(jobs.pool, id)
                .invoke(seen::add).chain(() -> switch (run.call()) {
                    case 1 -> Uni.createFrom().<Next<ScratchJobs.Job>> failure(new IllegalStateException("boom 1"));
                    case 2 -> throw new IllegalStateException("boom 2"); // thrown, not a failed Uni: the same
                    case 3 -> jobs.pool.withTransaction(tx -> run.lease().fence(tx).chain(() -> jobs.step(tx, id))
                            .chain(() -> run.lease().holdFor(tx, job, Duration.ZERO)));
                    case 4 -> Uni.createFrom().<Next<ScratchJobs.Job>> failure(new IllegalStateException("boom 4"));
                    default -> jobs.finish(run);
                }));
        Running a = jobs.start(kind, A, backoff);
        Stored done = jobs.until(id, "done", s -> "DONE".equals(s.state()) && s.free());

        assertEquals(5, seen.size(), seen.toString());
        assertEquals(List.of(0, 1, 2, 0, 1), seen.stream().map(Stored::failedAttempts).toList());
        assertEquals("IllegalStateException: boom 1", seen.get(1).lastFailure());
        assertEquals("IllegalStateException: boom 2", seen.get(2).lastFailure());
        assertNull(seen.get(3).lastFailure(), "a successful hold clears the last failure");
        assertEquals("IllegalStateException: boom 4", seen.get(4).lastFailure());
        // each retry was due at least its backoff after the attempt that failed (the failure's transaction began
        // later still), and the delays doubled
        for (int attempt : new int[] { 1, 2, 4 }) {
            int failures = seen.get(attempt).failedAttempts();
            Duration waited = Duration.between(seen.get(attempt - 1).dbNow(), seen.get(attempt).runAt());
            assertTrue(waited.compareTo(backoff.delayAfter(failures)) >= 0, "attempt " + (attempt + 1) + " due "
                    + waited + " after the failed one; the backoff after " + failures + " failure(s) is "
                    + backoff.delayAfter(failures));
            assertFalse(seen.get(attempt).dbNow().isBefore(seen.get(attempt).runAt()), "not run before due");
        }
        assertEquals(0, done.failedAttempts());
        assertNull(done.lastFailure());
        assertTrue(kind.gaveUp.isEmpty(), kind.gaveUp.toString());
        assertEquals(3, a.failedAttempts());
        assertEquals(0, a.givenUp());
    }

    @Test
    void afterItsMaxAttemptsAJobEndsInItsKindsFailureStateOnce() {
        UUID id = jobs.insert(null);
        Kind kind = jobs.kind(Settings.of(Duration.ofSeconds(5)),
                (run, job) -> Uni.createFrom().failure(new IllegalStateException("boom " + run.call())));
        Running a = jobs.start(kind, A, ScratchJobs.backoff(3, Duration.ofMillis(50), Duration.ofMillis(100)));
        Stored ended = jobs.until(id, "given up", s -> "GAVE_UP".equals(s.state()) && s.free());

        String reason = "gave up after 3 failed attempt(s); last: IllegalStateException: boom 3";
        assertEquals(List.of(reason), kind.gaveUp, "the kind's giveUp, called once with the reason");
        assertEquals(reason, ended.outcome(), "the kind wrote its failure state");
        assertEquals(3, ended.failedAttempts());
        assertEquals(reason, ended.lastFailure());
        assertFalse(ended.parked());
        assertEquals(3, kind.runs.size());
        assertEquals(3, a.failedAttempts());
        assertEquals(1, a.givenUp());
    }

    @Test
    void aRowTheKindCannotReadEndsAtOnce() {
        UUID id = jobs.insert(ScratchJobs.POISON);
        Kind kind = jobs.kind(Settings.of(Duration.ofSeconds(5)), (run, job) -> jobs.finish(run));
        Running a = jobs.start(kind, A, ScratchJobs.neverRetried());
        Stored ended = jobs.until(id, "given up", s -> "GAVE_UP".equals(s.state()) && s.free());

        String reason = "the job's stored row cannot be read (IllegalArgumentException: unreadable payload)";
        assertEquals(List.of(reason), kind.gaveUp);
        assertEquals(reason, ended.lastFailure());
        assertEquals(1, ended.failedAttempts());
        assertFalse(ended.parked());
        assertTrue(kind.runs.isEmpty(), "never run");
        assertEquals(1, a.givenUp());
        assertEquals(0, a.failedAttempts(), "no unit ran, so none failed");
    }

    @Test
    void aJobItsKindCannotEndIsParkedNeverToBeClaimedAgain() {
        UUID id = jobs.insert(null);
        Kind kind = jobs.kindWhoseGiveUpFails(Settings.of(Duration.ofSeconds(5)),
                (run, job) -> Uni.createFrom().failure(new IllegalStateException("boom")));
        Running a = jobs.start(kind, A, ScratchJobs.backoff(1, Duration.ofMillis(50), Duration.ofMillis(50)));
        Stored parked = jobs.until(id, "parked", s -> s.parked() && s.free());

        // the first failed give-up may be a passing database error: run again once, then parked at the second
        assertEquals(2, kind.gaveUp.size(), kind.gaveUp.toString());
        assertEquals(2, kind.runs.size(), "run once more after the first failed give-up");
        assertEquals("QUEUED", parked.state(), "the kind's half-done failure write was rolled back");
        assertNull(parked.outcome());
        assertEquals(3, parked.failedAttempts());
        assertEquals("gave up after 3 failed attempt(s); last: IllegalStateException: boom", parked.lastFailure());
        assertEquals(1, a.givenUp());
        assertTrue(ScratchJobs.await(new Leases(jobs.table, "instance-probe").claim(jobs.pool, Duration.ofHours(1), 10))
                .isEmpty(), "a parked row is never due");
    }
}
