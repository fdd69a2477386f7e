package io.cxone.themes.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxone.themes.cxone.WireDtos.ThemeStatus;
import io.cxone.themes.publish.Publication.State;
import io.cxone.themes.publish.PublicationSteps.Event;
import io.cxone.themes.publish.PublicationSteps.Outcome;

/** A publication's decisions, on a clock the test moves: no database, no CXone, no Quarkus. */
class PublicationStepsTest {
    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    private static final PollSchedule SCHEDULE = new PollSchedule(PollSchedule.Kind.adaptive, 250, 15_000, 0.1, 0.1);

    private Instant now = CREATED;
    // no jitter: the schedule's own test covers it; here each delay is exact
    private final PublicationSteps steps = new PublicationSteps(SCHEDULE, DEADLINE, () -> now, () -> 0.0);

    @Test
    void aSubmitIsCountedBeforeItIsSentAndItsFirstPollFollowsAfterThePollMinimum() {
        PublicationJob attempted = steps.attempted(queued(Publication.OnConflict.fail));
        assertEquals(1, attempted.progress().attempts());
        assertEquals(State.QUEUED, attempted.state());

        now = CREATED.plusSeconds(2);
        Outcome o = steps.submitted(attempted, false);
        assertEquals(State.SUBMITTED, o.job().state());
        assertEquals(now, o.job().progress().submittedAt());
        assertEquals(Duration.ofMillis(250), o.delay());
        assertEquals(Event.SUBMITTED, o.event());
        assertEquals(Map.of("attempts", 1, "recoveredFrom409", false), o.facts());
        assertEquals(true, steps.submitted(attempted, true).facts().get("recoveredFrom409"));
    }

    @Test
    void aPollIsDueATenthOfTheTimeSinceSubmitAfterThePreviousPollWasSent() {
        PublicationJob job = submittedAt(CREATED);
        Instant sent = CREATED.plusSeconds(20);
        now = sent.plusMillis(300); // the call took 300 ms: not added to the interval
        Outcome o = steps.polled(job, status("PENDING"), sent);
        assertEquals(State.SUBMITTED, o.job().state());
        assertEquals(1, o.job().progress().polls());
        assertEquals(Duration.ofMillis(2_000 - 300), o.delay());
        assertNull(o.event());
    }

    @Test
    void processingMovesASubmittedJobToActivatingOnce() {
        now = CREATED.plusSeconds(1);
        Outcome first = steps.polled(submittedAt(CREATED), status("PROCESSING"), now);
        assertEquals(State.ACTIVATING, first.job().state());
        assertNull(first.event());
        Outcome again = steps.polled(first.job(), status("PROCESSING"), now);
        assertEquals(State.ACTIVATING, again.job().state());
        assertEquals(2, again.job().progress().polls());
    }

    @Test
    void aPollThatWouldFallAfterTheDeadlineIsDueAtTheDeadlineItself() {
        PublicationJob job = submittedAt(CREATED);
        Instant deadline = job.request().deadlineAt();
        now = deadline.minusMillis(700); // the next poll would be 15 s away (the cap)
        Outcome o = steps.polled(job, status("PROCESSING"), now);
        assertEquals(Duration.ofMillis(700), o.delay(), "due at the deadline, not a poll interval after it");
        Outcome submitted = steps.submitted(job, false);
        assertEquals(Duration.ofMillis(250), submitted.delay());
        now = deadline.minusMillis(100);
        assertEquals(Duration.ofMillis(100), steps.submitted(job, false).delay(), "the first poll too");
    }

    @Test
    void aStepAlreadyLateIsDueAtOnceNeverInThePast() {
        PublicationJob job = submittedAt(CREATED);
        Instant sent = CREATED.plusSeconds(1);
        now = sent.plusSeconds(5); // a slow answer: the next poll was due 4.75 s ago
        assertEquals(Duration.ZERO, steps.polled(job, status("PENDING"), sent).delay());
    }

    @Test
    void activeEndsTheJobWithItsActivationTime() {
        PublicationJob job = submittedAt(CREATED.plusSeconds(1));
        now = CREATED.plusSeconds(4);
        Outcome o = steps.polled(job, new ThemeStatus("t", "ACTIVE", null, "2026-03-01T10:00:03Z"), now);
        assertEquals(State.ACTIVE, o.job().state());
        assertEquals(now, o.job().progress().activatedAt());
        assertEquals(now, o.job().progress().finishedAt());
        assertEquals(3_000L, o.job().view().activationMs());
        assertEquals(Event.ACTIVATED, o.event());
        assertEquals(Map.of("polls", 1, "activationMs", 3_000L, "cxoneUpdatedAt", "2026-03-01T10:00:03Z"), o.facts());
    }

    @Test
    void cxonesFailureFailsTheJobWithItsMessage() {
        now = CREATED.plusSeconds(3);
        Outcome o = steps.polled(submittedAt(CREATED), new ThemeStatus("t", "FAILED", "font not allowed", null), now);
        assertEquals(State.FAILED, o.job().state());
        assertEquals("CXone could not activate the theme: font not allowed", o.job().progress().failureReason());
        assertEquals(now, o.job().progress().finishedAt());
        assertEquals(Event.FAILED, o.event());
        assertEquals(o.job().progress().failureReason(), o.facts().get("reason"));
        assertEquals("CXone could not activate the theme: no reason given", steps.polled(submittedAt(CREATED),
                status("FAILED"), now).job().progress().failureReason());
    }

    @Test
    void theDeadlineFailsTheJobSayingWhereItStood() {
        PublicationJob job = steps.polled(submittedAt(CREATED), status("PENDING"), CREATED).job();
        now = job.request().deadlineAt().minusNanos(1);
        assertTrue(steps.overdue(job).isEmpty());
        now = job.request().deadlineAt();
        Outcome o = steps.overdue(job).orElseThrow();
        assertEquals(State.FAILED, o.job().state());
        assertEquals("not ACTIVE within the deadline of 600 s (it was SUBMITTED after 1 submit attempts and 1 status "
                + "polls); publish again, or raise app.publish.deadline if CXone is this slow",
                o.job().progress().failureReason());
        assertEquals(Event.FAILED, o.event());
        assertEquals(1, o.facts().get("attempts"));
        assertEquals(1, o.facts().get("polls"));
    }

    @Test
    void aRefusedThemeFailsWithCxonesFieldErrorsIfAny() {
        PublicationJob job = steps.attempted(queued(Publication.OnConflict.fail));
        assertEquals("CXone refused the theme (400): font.family: unknown",
                steps.refused(job, 400, "font.family: unknown").job().progress().failureReason());
        assertEquals("CXone refused the theme (403)", steps.refused(job, 403, "").job().progress().failureReason());
    }

    @Test
    void aTakenTagFailsUnderFailAndIsSuffixedUnderSuffix() {
        Outcome failed = steps.tagTaken(steps.attempted(queued(Publication.OnConflict.fail)));
        assertEquals(State.FAILED, failed.job().state());
        assertTrue(failed.job().progress().failureReason().startsWith("version tag 'release-1' already exists for "
                + "widget w-1 in CXone"), failed.job().progress().failureReason());

        Outcome first = steps.tagTaken(steps.attempted(queued(Publication.OnConflict.suffix)));
        assertEquals(State.QUEUED, first.job().state());
        assertEquals("release-1-2", first.job().progress().versionTag());
        assertEquals(1, first.job().conflicts());
        assertEquals(Duration.ZERO, first.delay(), "submitted again at once");
        assertNull(first.event());
        Outcome second = steps.tagTaken(first.job());
        assertEquals("release-1-3", second.job().progress().versionTag(), "suffixes count from the requested tag");
        assertEquals("release-1", second.job().requestedVersionTag());
    }

    @Test
    void aSucceededStepClearsTheLastErrorItWasShowing() {
        PublicationJob troubled = new PublicationJob(new Publication(queued(Publication.OnConflict.fail).request(),
                queued(Publication.OnConflict.fail).progress().toBuilder().lastError("Transient: 503").build()),
                "release-1", 0);
        assertEquals("Transient: 503", troubled.progress().lastError());
        assertNull(troubled.stepSucceeded().progress().lastError());
        assertFalse(troubled.stepSucceeded().state().terminal());
    }

    private static PublicationJob queued(Publication.OnConflict onConflict) {
        Publication.Request request = Publication.Request.builder().id(UUID.randomUUID()).widgetId("w-1")
                .theme(UUID.randomUUID(), 1, "hash").onConflict(onConflict).cxoneThemeId(UUID.randomUUID())
                .requestedBy("alice").requestId("req-1").createdAt(CREATED).deadlineAt(CREATED.plus(DEADLINE)).build();
        return PublicationJob.queued(request, "release-1", CREATED);
    }

    private PublicationJob submittedAt(Instant at) {
        Instant before = now;
        now = at;
        PublicationJob job = steps.submitted(steps.attempted(queued(Publication.OnConflict.fail)), false).job();
        now = before;
        return job;
    }

    private static ThemeStatus status(String state) {
        return new ThemeStatus("t", state, null, null);
    }
}
