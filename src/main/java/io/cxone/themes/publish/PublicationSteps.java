package io.cxone.themes.publish;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.cxone.WireDtos.ThemeStatus;

/**
 * What a publication's job does next, decided from the job as last stored and what CXone answered: the job as it is to
 * be stored, how long until its next step, and the audit event of the change. Submit (QUEUED) and poll (SUBMITTED,
 * ACTIVATING) are the steps; a 409 for a theme that turns out to be ours counts as success. No database, no CXone, and
 * only the clock it is given: every decision is tested on its own.
 */
@ApplicationScoped
class PublicationSteps {

    /** The audit events of a job's changes (the request that queued it wrote its own). */
    enum Event {
        SUBMITTED("publication.submitted", AuditEntry.SUCCESS),
        ACTIVATED("publication.activated", AuditEntry.SUCCESS),
        FAILED("publication.failed", AuditEntry.FAILURE),
        /** The approvals did not all come within the policy's approvalTtl. */
        EXPIRED("publication.expired", AuditEntry.FAILURE),
        /** A SCHEDULED publication's start time came: it is QUEUED and submitted next. */
        RELEASED("publication.released", AuditEntry.SUCCESS);

        final String action;
        final String outcome;

        Event(String action, String outcome) {
            this.action = action;
            this.outcome = outcome;
        }
    }

    /**
     * A step's outcome: {@code job} to store; if it has not ended, its next step runs after {@code delay}; the audit
     * event (or null) with the facts its details add to the job's own.
     */
    record Outcome(PublicationJob job, Duration delay, Event event, Map<String, Object> facts) {
    }

    private final PollSchedule schedule;
    private final Duration deadline;
    private final InstantSource clock;
    private final DoubleSupplier random;

    @Inject
    PublicationSteps(PublishConfig config) {
        this(PollSchedule.of(config), config.deadline(), InstantSource.system(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** {@code deadline}: app.publish.deadline; {@code random}: uniform in [0, 1), the poll schedule's jitter. */
    PublicationSteps(PollSchedule schedule, Duration deadline, InstantSource clock, DoubleSupplier random) {
        this.schedule = schedule;
        this.deadline = deadline;
        this.clock = clock;
        this.random = random;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * A job whose deadline has come fails at its next step, saying where it stood; a PENDING_APPROVAL one (its deadline
     * is its approvals') expires.
     */
    Optional<Outcome> overdue(PublicationJob job) {
        Publication.Request r = job.request();
        if (now().isBefore(r.deadlineAt())) {
            return Optional.empty();
        }
        if (job.state() == Publication.State.PENDING_APPROVAL) {
            return Optional.of(expired(job));
        }
        return Optional.of(failed(job, "not ACTIVE within the deadline of "
                + deadline.toSeconds() + " s (it was " + job.state() + " after "
                + job.progress().attempts() + " submit attempts and " + job.progress().polls() + " status polls); "
                + "publish again, or raise app.publish.deadline if CXone is this slow"));
    }

    /** Its approvals did not all come in time: EXPIRED, naming who approved and what to do. */
    private Outcome expired(PublicationJob job) {
        Publication.Progress p = job.progress();
        PublicationJob next = job.expired("only " + p.approvedBy().size() + " of " + p.approvalsRequired()
                + " approval(s) came before " + job.request().deadlineAt() + " (the widget policy's approvalTtl); "
                + "publish again and ask an approver (GET /api/v1/approvals lists what waits)", now());
        return new Outcome(next, Duration.ZERO, Event.EXPIRED, facts("approvedBy", p.approvedBy(),
                "approvalsRequired", p.approvalsRequired()));
    }

    /**
     * A PENDING_APPROVAL job claimed before its deadline (the database's clock ran ahead of ours), or a SCHEDULED one
     * before its start: how long it still waits; empty when it is due.
     */
    Optional<Duration> early(PublicationJob job) {
        Instant due = switch (job.state()) {
            case PENDING_APPROVAL -> job.request().deadlineAt();
            case SCHEDULED -> job.progress().runAt();
            default -> null;
        };
        Instant now = now();
        return due != null && now.isBefore(due) ? Optional.of(Duration.between(now, due)) : Optional.empty();
    }

    /** A SCHEDULED job's start came: QUEUED, and submitted at once (in the next unit, on this instance). */
    Outcome released(PublicationJob job) {
        return new Outcome(job.released(), Duration.ZERO, Event.RELEASED, facts("runAt", job.progress().runAt()));
    }

    /** A submit is about to be sent: counted, and stored before CXone hears of it. */
    PublicationJob attempted(PublicationJob job) {
        return job.attempted();
    }

    /** CXone has the theme (it said 201, or it knows our id after a 409): the first status poll follows. */
    Outcome submitted(PublicationJob job, boolean recoveredFrom409) {
        Instant now = now();
        PublicationJob next = job.submitted(now);
        return new Outcome(next, due(next, now.plus(schedule.next(0, 0, random.getAsDouble())), now), Event.SUBMITTED,
                facts("attempts", job.progress().attempts(), "recoveredFrom409", recoveredFrom409));
    }

    /** CXone refused the submit with a 4xx other than 409: sending it again would fail the same way. */
    Outcome refused(PublicationJob job, int status, String said) {
        return failed(job, "CXone refused the theme (" + status + ")" + (said.isEmpty() ? "" : ": " + said));
    }

    /** The version tag is another theme's in CXone (a 409, and CXone does not know our id). */
    Outcome tagTaken(PublicationJob job) {
        if (job.request().onConflict() == Publication.OnConflict.fail) {
            return failed(job, "version tag '" + job.progress().versionTag() + "' already exists for widget "
                    + job.request().widgetId() + " in CXone (versions are immutable); publish again with another "
                    + "versionTag, or with onConflict=suffix");
        }
        return new Outcome(job.retagged(job.requestedVersionTag() + "-" + (job.conflicts() + 2)), Duration.ZERO, null,
                Map.of());
    }

    /** CXone answered a status poll sent at {@code sent}. */
    Outcome polled(PublicationJob job, ThemeStatus status, Instant sent) {
        Instant now = now();
        PublicationJob counted = job.polled();
        String state = status.state() == null ? "" : status.state();
        switch (state) {
            case "ACTIVE": {
                PublicationJob next = counted.activated(now);
                return new Outcome(next, Duration.ZERO, Event.ACTIVATED, facts("polls", next.progress().polls(),
                        "activationMs", next.view().activationMs(), "cxoneUpdatedAt", status.updatedAt()));
            }
            case "FAILED":
                return failed(counted, "CXone could not activate the theme: "
                        + (status.errorMessage() == null ? "no reason given" : status.errorMessage()));
            case "PROCESSING":
                return nextPoll(counted.state() == Publication.State.SUBMITTED ? counted.activating() : counted, sent,
                        now);
            default:
                return nextPoll(counted, sent, now);
        }
    }

    /** Intervals run from poll to poll: the time the call took is not added to the lag. */
    private Outcome nextPoll(PublicationJob job, Instant sent, Instant now) {
        Instant submitted = job.progress().submittedAt();
        long since = submitted == null ? 0 : sent.toEpochMilli() - submitted.toEpochMilli();
        Duration wait = schedule.next(since, job.progress().polls(), random.getAsDouble());
        return new Outcome(job, due(job, sent.plus(wait), now), null, Map.of());
    }

    /** The delay until {@code at}, never past the deadline (the step then fails it on time), never negative. */
    private static Duration due(PublicationJob job, Instant at, Instant now) {
        Instant deadline = job.request().deadlineAt();
        Duration delay = Duration.between(now, at.isAfter(deadline) ? deadline : at);
        return delay.isNegative() ? Duration.ZERO : delay;
    }

    private Outcome failed(PublicationJob job, String reason) {
        PublicationJob next = job.failed(reason, now());
        return new Outcome(next, Duration.ZERO, Event.FAILED, facts("reason", reason, "attempts",
                next.progress().attempts(), "polls", next.progress().polls()));
    }

    /** Audit details in the order given (values may be null: Map.of takes none). */
    private static Map<String, Object> facts(Object... keysAndValues) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            facts.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return facts;
    }
}
