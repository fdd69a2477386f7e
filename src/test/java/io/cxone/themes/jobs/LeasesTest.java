package io.cxone.themes.jobs;

import static io.cxone.themes.jobs.ScratchJobs.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Waits;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.pgclient.PgConnection;

/**
 * The lease SQL on a scratch table ({@link ScratchJobs}): claims skip what another instance holds or is claiming, a
 * fenced write is ours alone until its transaction ends, a lapsed lease is taken over and its old owner's writes are
 * refused, and every committed fenced write — and no rolled-back one — is announced on {@link Leases#CHANGED}.
 */
class LeasesTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private final ScratchJobs jobs = new ScratchJobs();

    @AfterEach
    void close() {
        jobs.close();
    }

    @Test
    void aClaimSkipsRowsAnotherClaimIsTakingInsteadOfWaitingForIt() {
        List<UUID> ids = List.of(jobs.insert(null), jobs.insert(null), jobs.insert(null), jobs.insert(null),
                jobs.insert(null));
        Leases a = new Leases(jobs.table, "instance-a");
        Leases b = new Leases(jobs.table, "instance-b");
        SqlConnection open = await(jobs.pool.getConnection());
        try {
            Transaction tx = await(open.begin());
            Set<UUID> byA = idsOf(await(a.claim(open, HOUR, 2)));
            // A has not committed: its two rows are locked. B neither waits for them nor gets them.
            Set<UUID> byB = idsOf(await(b.claim(jobs.pool, HOUR, 5)));
            await(tx.commit());
            assertEquals(2, byA.size());
            assertEquals(3, byB.size(), "B claims the rows A is not claiming, at once");
            Set<UUID> all = new HashSet<>(byA);
            all.addAll(byB);
            assertEquals(Set.copyOf(ids), all, "no row claimed twice, none left out");
        } finally {
            await(open.close());
        }
        assertTrue(await(b.claim(jobs.pool, HOUR, 5)).isEmpty(), "held rows are not claimed again");
    }

    @Test
    void twoWorkersNeverHoldOneJob() {
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(jobs.insert(null));
        }
        ScratchJobs.Kind kind = jobs.kind(ScratchJobs.Settings.of(Duration.ofSeconds(5)).held(4, 8),
                (run, job) -> jobs.finish(run));
        jobs.start(kind, "instance-a", ScratchJobs.neverRetried());
        jobs.start(kind, "instance-b", ScratchJobs.neverRetried());
        for (UUID id : ids) {
            jobs.until(id, "done", s -> "DONE".equals(s.state()) && s.free());
        }
        for (UUID id : ids) {
            assertEquals(1, kind.runsOf(id).size(), "job " + id + " ran once: " + kind.runsOf(id));
            ScratchJobs.Stored s = jobs.stored(id);
            assertEquals(1, s.steps(), s.toString());
            assertEquals(1, s.claims(), "claimed once: " + s);
            assertEquals(kind.runsOf(id).get(0).owner(), s.outcome(), "written by the one that ran it");
        }
    }

    @Test
    void aFenceIsOursAloneUntilCommitThenALapsedLeaseIsTakenOverAndTheOldOwnerIsRefused() {
        UUID id = jobs.insert(null);
        Leases a = new Leases(jobs.table, "instance-a");
        Leases b = new Leases(jobs.table, "instance-b");
        assertEquals(1, await(a.claim(jobs.pool, Duration.ofMillis(50), 1)).size());
        Lease aLease = new Lease(id, a, Duration.ofMillis(50));
        // A stalls (no renewal) until its lease has run out on the database's clock
        jobs.until(id, "A's lease lapsed", s -> s.leaseUntil().isBefore(s.dbNow()));

        // a fence checks the owner, not the clock: nobody took the job yet, so A's write is still A's alone, and
        // while its transaction is open even an expired lease cannot be claimed from under it
        SqlConnection open = await(jobs.pool.getConnection());
        try {
            Transaction tx = await(open.begin());
            await(aLease.fence(open));
            assertTrue(await(b.claim(jobs.pool, HOUR, 1)).isEmpty(), "a fenced row is not claimed");
            await(jobs.step(open, id));
            await(tx.commit());
        } finally {
            await(open.close());
        }
        assertFalse(aLease.lost());

        List<Row> taken = Waits.until("B takes the lapsed lease", () -> await(b.claim(jobs.pool, HOUR, 1)),
                rows -> !rows.isEmpty());
        assertEquals(id, taken.get(0).getUUID("id"));
        assertEquals("instance-b", jobs.stored(id).leaseOwner());

        Throwable refused = await(jobs.pool.withTransaction(tx -> aLease.fence(tx).chain(() -> jobs.step(tx, id)))
                .onItem().transform(ignored -> (Throwable) null).onFailure().recoverWithItem(e -> e));
        assertInstanceOf(LostLease.class, refused);
        assertTrue(aLease.lost() && aLease.ended(), "the old owner's lease reads as lost");
        aLease.whenEnded().await().atMost(Waits.PATIENCE); // and what waits on it wakes
        Throwable refusedEnd = await(jobs.pool.withTransaction(tx -> aLease.<ScratchJobs.Job> complete(tx))
                .onItem().transform(ignored -> (Throwable) null).onFailure().recoverWithItem(e -> e));
        assertInstanceOf(LostLease.class, refusedEnd, "nor can it end the job");
        ScratchJobs.Stored s = jobs.stored(id);
        assertEquals(1, s.steps(), "only the write made while the lease was A's landed: " + s);
        assertEquals("instance-b", s.leaseOwner());
    }

    @Test
    void aCommittedFencedWriteIsAnnouncedAndARolledBackOneIsNot() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        PgConnection listener = PgConnection.connect(jobs.vertx, jobs.connect).toCompletionStage().toCompletableFuture()
                .get(Waits.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        try {
            listener.notificationHandler(n -> heard.add(n.getChannel() + " " + n.getPayload()));
            listener.query("LISTEN " + Leases.CHANGED).execute().toCompletionStage().toCompletableFuture()
                    .get(Waits.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            UUID rolledBack = jobs.insert(null);
            UUID committed = jobs.insert(null);
            UUID completed = jobs.insert(null);
            Leases a = new Leases(jobs.table, "instance-a");
            assertEquals(3, await(a.claim(jobs.pool, HOUR, 3)).size());

            Throwable failed = await(jobs.pool.withTransaction(tx -> a.fence(tx, rolledBack)
                    .chain(() -> jobs.step(tx, rolledBack))
                    .chain(() -> Uni.createFrom().<Void> failure(new IllegalStateException("the unit failed"))))
                    .onItem().transform(ignored -> (Throwable) null).onFailure().recoverWithItem(e -> e));
            assertNotNull(failed);
            await(jobs.pool.withTransaction(tx -> a.fence(tx, committed).chain(() -> jobs.step(tx, committed))));
            String committedNote = Leases.CHANGED + " " + jobs.table.name() + ":" + committed;
            Waits.until("the committed write is announced", () -> heard.contains(committedNote));
            // notifications arrive in commit order: had the rolled-back transaction sent one, it would be here by now
            assertFalse(heard.contains(Leases.CHANGED + " " + jobs.table.name() + ":" + rolledBack), heard.toString());

            await(jobs.pool.withTransaction(tx -> new Lease(completed, a, HOUR).<ScratchJobs.Job> complete(tx)));
            String completedNote = Leases.CHANGED + " " + jobs.table.name() + ":" + completed;
            Waits.until("a lifecycle operation is announced", () -> heard.contains(completedNote));
            assertEquals(0, jobs.stored(rolledBack).steps(), "the rolled-back write did not land");
        } finally {
            listener.close();
        }
    }

    private static Set<UUID> idsOf(List<Row> rows) {
        Set<UUID> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.getUUID("id")));
        return ids;
    }
}
