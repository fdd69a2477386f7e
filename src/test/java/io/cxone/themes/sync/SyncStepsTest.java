package io.cxone.themes.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import io.cxone.themes.cxone.CxoneException;
import io.cxone.themes.cxone.WireDtos.BatchSyncResponse;
import io.cxone.themes.cxone.WireDtos.SyncResult;
import io.cxone.themes.sync.SyncSteps.CallFailure;
import io.cxone.themes.sync.SyncSteps.Fail;
import io.cxone.themes.sync.SyncSteps.Failed;
import io.cxone.themes.sync.SyncSteps.Finish;
import io.cxone.themes.sync.SyncSteps.HandBack;
import io.cxone.themes.sync.SyncSteps.Paused;
import io.cxone.themes.sync.SyncSteps.Stop;
import io.cxone.themes.sync.SyncSteps.WidgetsFailed;
import io.cxone.themes.sync.SyncWork.Batch;
import io.cxone.themes.sync.SyncWork.Counts;
import io.cxone.themes.sync.SyncWork.Item;
import io.cxone.themes.sync.SyncWork.Outcome;
import io.cxone.themes.sync.SyncWork.PendingItem;

/** A sync job's decisions, without a database, CXone or Quarkus. */
class SyncStepsTest {
    private static final Duration BREAKER = SyncSteps.BREAKER_DELAY;
    private final Batch batch = new Batch(3, List.of(new Item(150, "w-a"), new Item(151, "w-b"), new Item(152, "w-c")));

    @Test
    void pendingWidgetsAreSentInTheBatchesFixedAtCreation() {
        List<Batch> batches = SyncSteps.batches(List.of(new PendingItem(2, "a", 0), new PendingItem(4, "b", 0),
                new PendingItem(5, "c", 1), new PendingItem(9, "d", 3)));
        assertEquals(List.of(new Batch(0, List.of(new Item(2, "a"), new Item(4, "b"))),
                new Batch(1, List.of(new Item(5, "c"))), new Batch(3, List.of(new Item(9, "d")))), batches);
        assertEquals(List.of(), SyncSteps.batches(List.of()));
        assertEquals(Duration.ofMillis(100), SyncSteps.tick(10));
    }

    @Test
    void eachWidgetIsAsCxoneAnsweredAndOneMissingFromTheAnswerFailed() {
        BatchSyncResponse answer = new BatchSyncResponse(List.of(new SyncResult("w-a", "SYNCED", null),
                new SyncResult("w-c", "FAILED", "widget not found"), new SyncResult("w-a", "FAILED", "a repeat")));
        assertEquals(List.of(new Outcome(150, "SYNCED", null),
                new Outcome(151, "FAILED", "CXone's answer had no result for this widget"),
                new Outcome(152, "FAILED", "widget not found")), SyncSteps.outcomes(batch, answer));
        assertEquals(new Outcome(150, "FAILED", "CXone answered ODD"), SyncSteps.outcomes(batch,
                new BatchSyncResponse(List.of(new SyncResult("w-a", "ODD", " ")))).get(0));
        assertTrue(SyncSteps.outcomes(batch, null).stream().allMatch(o -> o.status().equals("FAILED")));
    }

    @Test
    void aRejectedBatchFailsItsWidgetsWithCxonesReason() {
        CallFailure f = SyncSteps.afterFailure(batch, new CxoneException.Rejected("CXone rejected the request with 400",
                400, "{\"errors\":[{\"field\":\"target_theme_id\",\"message\":\"theme not found\"}]}"), false);
        List<Outcome> outcomes = assertInstanceOf(WidgetsFailed.class, f).outcomes();
        assertEquals(List.of(150, 151, 152), outcomes.stream().map(Outcome::seq).toList());
        assertTrue(outcomes.stream().allMatch(o -> o.status().equals("FAILED")
                && o.reason().contains("400") && o.reason().contains("theme not found")), outcomes.toString());
    }

    @Test
    void cxoneAskingUsToWaitOrBeingDownPausesTheJobForAsLongAsItSaid() {
        assertEquals(new Paused(Duration.ofSeconds(12), "CXone is throttling us"), halt(new CxoneException.Throttled(
                "429", "", Optional.of(Duration.ofSeconds(12)))));
        assertEquals(BREAKER, ((Paused) halt(new CxoneException.Throttled("429", "", Optional.empty()))).after());
        assertEquals(Duration.ofSeconds(30), ((Paused) halt(new CxoneException.Transient("503", 503, "",
                Optional.of(Duration.ofSeconds(30))))).after());
        assertEquals(BREAKER, ((Paused) halt(new CircuitBreakerOpenException("open"))).after());
    }

    @Test
    void cxoneFailingWithoutSayingWhenOrOurOwnTroubleFailsTheRunNeverAWidget() {
        Failed transientFailure = assertInstanceOf(Failed.class, halt(new CxoneException.Transient(
                "CXone answered 503 Service Unavailable", 503, "", Optional.empty())));
        assertTrue(transientFailure.reason().startsWith("batch 3 stays pending: batch-sync failed after retries: CXone "
                + "answered 503"), transientFailure.reason());
        assertInstanceOf(Failed.class, halt(new TimeoutException("no answer in 30 s")));
        Failed ours = assertInstanceOf(Failed.class, halt(new NullPointerException("bug")));
        assertTrue(ours.reason().contains("our own failure, not CXone's: NullPointerException: bug"), ours.reason());
    }

    @Test
    void whileStoppingNothingFailsTheBatchWaitsForTheNextOwner() {
        // bench/chaos.sh: our REST client closed during a graceful stop; and even CXone's rejection is not recorded
        for (Throwable e : List.of(new IllegalStateException("Client is closed"),
                new CxoneException.Rejected("400", 400, ""))) {
            CallFailure f = SyncSteps.afterFailure(batch, e, true);
            assertEquals(new Paused(Duration.ZERO, "this instance is stopping"), assertInstanceOf(Stop.class, f).halt());
        }
    }

    @Test
    void theLongestPauseWinsAndAPauseWinsOverAFailure() {
        Paused shortPause = new Paused(Duration.ofSeconds(1), "short");
        Paused longPause = new Paused(Duration.ofSeconds(9), "long");
        Failed first = new Failed("first");
        assertSame(first, SyncSteps.merge(null, first));
        assertSame(first, SyncSteps.merge(first, new Failed("second")));
        assertSame(longPause, SyncSteps.merge(shortPause, longPause));
        assertSame(longPause, SyncSteps.merge(longPause, shortPause));
        assertSame(shortPause, SyncSteps.merge(first, shortPause));
        assertSame(shortPause, SyncSteps.merge(shortPause, first));
    }

    @Test
    void aRunEndsHandedBackFailedOrFinished() {
        assertEquals(new HandBack(Duration.ZERO, "shutting down"), SyncSteps.end(new Failed("x"), true, false));
        assertEquals(new HandBack(Duration.ZERO, "lease lost"), SyncSteps.end(null, false, true));
        assertEquals(new HandBack(Duration.ofSeconds(4), "why"), SyncSteps.end(new Paused(Duration.ofSeconds(4), "why"),
                false, false));
        Fail fail = assertInstanceOf(Fail.class, SyncSteps.end(new Failed("batch 2 stays pending: 503"), false, false));
        assertEquals("batch 2 stays pending: 503", fail.failure().getMessage());
        assertInstanceOf(Finish.class, SyncSteps.end(null, false, false));
    }

    @Test
    void aJobEndsWhenNothingIsPendingInAStateFromItsCounts() {
        assertEquals(Optional.empty(), SyncSteps.finalState(new Counts(10, 5, 0, 0, 5)));
        assertEquals(Optional.of("SUCCEEDED"), SyncSteps.finalState(new Counts(10, 6, 4, 0, 0)));
        assertEquals(Optional.of("COMPLETED_WITH_FAILURES"), SyncSteps.finalState(new Counts(10, 6, 0, 4, 0)));
        assertEquals(Optional.of("FAILED"), SyncSteps.finalState(new Counts(10, 0, 0, 10, 0)));
    }

    @Test
    void aRowNoRequestCouldHaveMadeIsNoJob() {
        UUID id = UUID.randomUUID();
        new SyncJob(id, id, id, false, null, 5, 5);
        assertThrows(IllegalStateException.class, () -> new SyncJob(id, id, id, false, null, 5, 6));
        assertThrows(IllegalStateException.class, () -> new SyncJob(id, id, id, false, null, 0, 0));
        assertThrows(IllegalStateException.class, () -> new SyncJob(id, id, id, false, null, 5, -1));
    }

    private Object halt(Throwable e) {
        return assertInstanceOf(Stop.class, SyncSteps.afterFailure(batch, e, false)).halt();
    }
}
