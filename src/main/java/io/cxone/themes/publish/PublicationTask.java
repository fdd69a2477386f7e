package io.cxone.themes.publish;

import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.cxone.themes.publish.Publication.Progress;
import io.cxone.themes.publish.Publication.State;

/**
 * A publication as its job works on it: the API view plus what only the job needs — the tag it was asked for (a
 * conflict suffixes that one), how many tag conflicts it met, and when its next step is due. Every change is a named
 * transition below; each sets {@code updatedAt}.
 *
 * @param nextRunAt on the clock of the instance that set it: only when a step is due depends on it, never who runs it
 */
record PublicationTask(Publication view, String requestedVersionTag, int conflicts, Instant nextRunAt) {

    /** A new job: QUEUED, due now. */
    static PublicationTask queued(Publication.Request request, String versionTag, Instant now) {
        Progress progress = Progress.builder().state(State.QUEUED).versionTag(versionTag).updatedAt(now).build();
        return new PublicationTask(new Publication(request, progress), versionTag, 0, now);
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
    PublicationTask attempted(Instant now) {
        return change(now, p -> p.attempts(progress().attempts() + 1)).scheduled(now);
    }

    /** CXone accepted the theme; the first status poll is due at {@code firstPoll}. */
    PublicationTask submitted(Instant now, Instant firstPoll) {
        return change(now, p -> p.state(State.SUBMITTED).submittedAt(now).lastError(null)).scheduled(firstPoll);
    }

    /** A status poll was answered (or failed). */
    PublicationTask polled(Instant now) {
        return change(now, p -> p.polls(progress().polls() + 1));
    }

    /** CXone is processing the theme. */
    PublicationTask activating(Instant now) {
        return change(now, p -> p.state(State.ACTIVATING));
    }

    PublicationTask activated(Instant now) {
        return change(now, p -> p.state(State.ACTIVE).activatedAt(now).finishedAt(now).lastError(null));
    }

    PublicationTask failed(String reason, Instant now) {
        return change(now, p -> p.state(State.FAILED).failureReason(reason).finishedAt(now));
    }

    /** The tag was taken in CXone: submit again at once under {@code tag}. */
    PublicationTask retagged(String tag, Instant now) {
        return new PublicationTask(withProgress(progress().toBuilder().versionTag(tag).updatedAt(now).build()),
                requestedVersionTag, conflicts + 1, now);
    }

    /** CXone did not answer usefully: the same step again at {@code retryAt}. */
    PublicationTask troubled(String error, Instant retryAt, Instant now) {
        return change(now, p -> p.lastError(error)).scheduled(retryAt);
    }

    /** The next step is due at {@code at}. */
    PublicationTask scheduled(Instant at) {
        return new PublicationTask(view, requestedVersionTag, conflicts, at);
    }

    private PublicationTask change(Instant now, UnaryOperator<Progress.Builder> change) {
        Progress next = change.apply(progress().toBuilder()).updatedAt(now).build();
        return new PublicationTask(withProgress(next), requestedVersionTag, conflicts, nextRunAt);
    }

    private Publication withProgress(Progress next) {
        return new Publication(view.request(), next);
    }
}
