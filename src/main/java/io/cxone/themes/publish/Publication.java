package io.cxone.themes.publish;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One publication as stored and as the API shows it (the job's lease and schedule stay internal). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Publication(UUID id, String widgetId, UUID themeId, int themeVersion, String contentHash,
        String versionTag, OnConflict onConflict, UUID cxoneThemeId, State state, int attempts, int polls,
        String failureReason, UUID rollbackOf, String requestedBy, String requestId, Instant createdAt,
        Instant submittedAt, Instant activatedAt, Instant finishedAt, Instant deadlineAt, Instant updatedAt,
        String lastError, @JsonIgnore String requestedVersionTag, @JsonIgnore int conflicts,
        @JsonIgnore Instant nextRunAt, @JsonIgnore String leaseOwner, @JsonIgnore Instant leaseUntil) {

    /** The job's states, in the only order they can follow. */
    public enum State {
        QUEUED, SUBMITTED, ACTIVATING, ACTIVE, FAILED;

        public boolean terminal() {
            return this == ACTIVE || this == FAILED;
        }

        /** ACTIVE and FAILED share the last rank: a stream never shows a state after either. */
        int rank() {
            return Math.min(ordinal(), ACTIVE.ordinal());
        }
    }

    /** What to do when CXone already has the version tag for the widget. */
    public enum OnConflict { fail, suffix }

    /** Milliseconds from CXone accepting the theme to it being seen ACTIVE; null until then. */
    @JsonProperty
    public Long activationMs() {
        return submittedAt == null || activatedAt == null ? null : activatedAt.toEpochMilli() - submittedAt.toEpochMilli();
    }

    Publication with(State newState, Instant now) {
        return new Publication(id, widgetId, themeId, themeVersion, contentHash, versionTag, onConflict, cxoneThemeId,
                newState, attempts, polls, failureReason, rollbackOf, requestedBy, requestId, createdAt, submittedAt,
                activatedAt, newState.terminal() ? now : finishedAt, deadlineAt, now, lastError, requestedVersionTag,
                conflicts, nextRunAt, leaseOwner, leaseUntil);
    }

    Publication submitted(Instant now) {
        return new Publication(id, widgetId, themeId, themeVersion, contentHash, versionTag, onConflict, cxoneThemeId,
                State.SUBMITTED, attempts, polls, failureReason, rollbackOf, requestedBy, requestId, createdAt, now,
                activatedAt, finishedAt, deadlineAt, now, null, requestedVersionTag, conflicts, nextRunAt, leaseOwner,
                leaseUntil);
    }

    Publication activated(Instant now) {
        return new Publication(id, widgetId, themeId, themeVersion, contentHash, versionTag, onConflict, cxoneThemeId,
                State.ACTIVE, attempts, polls, failureReason, rollbackOf, requestedBy, requestId, createdAt, submittedAt,
                now, now, deadlineAt, now, null, requestedVersionTag, conflicts, nextRunAt, leaseOwner, leaseUntil);
    }

    Publication failed(String reason, Instant now) {
        return new Publication(id, widgetId, themeId, themeVersion, contentHash, versionTag, onConflict, cxoneThemeId,
                State.FAILED, attempts, polls, reason, rollbackOf, requestedBy, requestId, createdAt, submittedAt,
                activatedAt, now, deadlineAt, now, lastError, requestedVersionTag, conflicts, nextRunAt, leaseOwner,
                leaseUntil);
    }

    Publication counted(int newAttempts, int newPolls, Instant now) {
        return new Publication(id, widgetId, themeId, themeVersion, contentHash, versionTag, onConflict, cxoneThemeId,
                state, newAttempts, newPolls, failureReason, rollbackOf, requestedBy, requestId, createdAt, submittedAt,
                activatedAt, finishedAt, deadlineAt, now, lastError, requestedVersionTag, conflicts, nextRunAt,
                leaseOwner, leaseUntil);
    }

    Publication retagged(String tag, int newConflicts, Instant now) {
        return new Publication(id, widgetId, themeId, themeVersion, contentHash, tag, onConflict, cxoneThemeId, state,
                attempts, polls, failureReason, rollbackOf, requestedBy, requestId, createdAt, submittedAt, activatedAt,
                finishedAt, deadlineAt, now, lastError, requestedVersionTag, newConflicts, now, leaseOwner, leaseUntil);
    }

    Publication troubled(String error, Instant retryAt, Instant now) {
        return new Publication(id, widgetId, themeId, themeVersion, contentHash, versionTag, onConflict, cxoneThemeId,
                state, attempts, polls, failureReason, rollbackOf, requestedBy, requestId, createdAt, submittedAt,
                activatedAt, finishedAt, deadlineAt, now, error, requestedVersionTag, conflicts, retryAt, leaseOwner,
                leaseUntil);
    }

    Publication at(Instant runAt) {
        return new Publication(id, widgetId, themeId, themeVersion, contentHash, versionTag, onConflict, cxoneThemeId,
                state, attempts, polls, failureReason, rollbackOf, requestedBy, requestId, createdAt, submittedAt,
                activatedAt, finishedAt, deadlineAt, updatedAt, lastError, requestedVersionTag, conflicts, runAt,
                leaseOwner, leaseUntil);
    }
}
