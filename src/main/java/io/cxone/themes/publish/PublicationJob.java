package io.cxone.themes.publish;

import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.cxone.themes.publish.Publication.Progress;
import io.cxone.themes.publish.Publication.State;

/**
 * A publication as its job works on it: the API view plus what only the job needs — the tag it was asked for (a
 * conflict suffixes that one) and how many tag conflicts it met. Every change is a named transition below. When the
 * next step is due is not part of it: the engine keeps that ({@code run_at}, on the database's clock), and the database
 * sets {@code updatedAt} when a change is stored.
 */
record PublicationJob(Publication view, String requestedVersionTag, int conflicts) {

    /** A new job: QUEUED (due at once: the row's {@code run_at} defaults to the database's now). */
    static PublicationJob queued(Publication.Request request, String versionTag, Instant now) {
        Progress progress = Progress.builder().state(State.QUEUED).versionTag(versionTag).updatedAt(now).build();
        return new PublicationJob(new Publication(request, progress), versionTag, 0);
    }

    /**
     * A new job as the widget's policy admits it: {@code state} QUEUED, SCHEDULED (starts at {@code runAt}) or
     * PENDING_APPROVAL (needs {@code approvals} approvals before its request's deadline).
     */
    static PublicationJob created(Publication.Request request, String versionTag, Instant now, State state,
            int approvals, Instant notBefore, Instant runAt) {
        Progress progress = Progress.builder().state(state).versionTag(versionTag).updatedAt(now)
                .approvalsRequired(approvals).notBefore(notBefore).runAt(state == State.SCHEDULED ? runAt : null).build();
        return new PublicationJob(new Publication(request, progress), versionTag, 0);
    }

    /** Its approvals did not all come before its deadline: EXPIRED, terminal. */
    PublicationJob expired(String reason, Instant now) {
        return change(p -> p.state(State.EXPIRED).failureReason(reason).finishedAt(now));
    }

    /** Its start time came (a window opened, or notBefore passed): QUEUED, submitted next. */
    PublicationJob released() {
        return change(p -> p.state(State.QUEUED).runAt(null));
    }

    UUID id() {
        return view.id();
    }

    State state() {
        return view.state();
    }

    Publication.Request request() {
        return view.request();
    }

    Progress progress() {
        return view.progress();
    }

    /** A submit is about to be sent (on record before CXone hears of it). */
    PublicationJob attempted() {
        return change(p -> p.attempts(progress().attempts() + 1));
    }

    /** CXone accepted the theme. */
    PublicationJob submitted(Instant now) {
        return change(p -> p.state(State.SUBMITTED).submittedAt(now));
    }

    /** A status poll was answered. */
    PublicationJob polled() {
        return change(p -> p.polls(progress().polls() + 1));
    }

    /** CXone is processing the theme. */
    PublicationJob activating() {
        return change(p -> p.state(State.ACTIVATING));
    }

    PublicationJob activated(Instant now) {
        return change(p -> p.state(State.ACTIVE).activatedAt(now).finishedAt(now));
    }

    PublicationJob failed(String reason, Instant now) {
        return change(p -> p.state(State.FAILED).failureReason(reason).finishedAt(now));
    }

    /** The tag was taken in CXone: submit again under {@code tag}. */
    PublicationJob retagged(String tag) {
        return new PublicationJob(withProgress(progress().toBuilder().versionTag(tag).build()), requestedVersionTag,
                conflicts + 1);
    }

    /**
     * A step reached its outcome: the lifecycle operation that ends it clears the engine's record of failed attempts
     * (which the API shows as {@code lastError}) in the same transaction.
     */
    PublicationJob stepSucceeded() {
        return change(p -> p.lastError(null));
    }

    private PublicationJob change(UnaryOperator<Progress.Builder> change) {
        return new PublicationJob(withProgress(change.apply(progress().toBuilder()).build()), requestedVersionTag,
                conflicts);
    }

    private Publication withProgress(Progress next) {
        return new Publication(view.request(), next);
    }
}
