package io.cxone.themes.publish;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One publication as the API shows it (one flat JSON object): what was asked, fixed when it was queued, and how far
 * its job got. The job's own fields (schedule, lease, conflict count) are not here: see {@link PublicationJob}.
 */
public record Publication(@JsonUnwrapped Request request, @JsonUnwrapped Progress progress) {

    /**
     * The job's states, in the only order they can follow: a publication that needs approvals starts
     * PENDING_APPROVAL, one that waits for its window (or its notBefore) SCHEDULED; either may be skipped. The order
     * matters: a progress stream shows a state only when it ranks above the last one it showed.
     */
    public enum State {
        PENDING_APPROVAL, SCHEDULED, QUEUED, SUBMITTED, ACTIVATING, ACTIVE, FAILED, REJECTED, EXPIRED;

        public boolean terminal() {
            return ordinal() >= ACTIVE.ordinal();
        }

        /** The terminal states share the last rank: a stream never shows a state after any of them. */
        int rank() {
            return Math.min(ordinal(), ACTIVE.ordinal());
        }
    }

    /** What to do when CXone already has the version tag for the widget. */
    public enum OnConflict { fail, suffix }

    public UUID id() {
        return request.id();
    }

    public String widgetId() {
        return request.widgetId();
    }

    public State state() {
        return progress.state();
    }

    /** Milliseconds from CXone accepting the theme to it being seen ACTIVE; null until then. */
    @JsonProperty
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long activationMs() {
        Instant submitted = progress.submittedAt();
        Instant activated = progress.activatedAt();
        return submitted == null || activated == null ? null : activated.toEpochMilli() - submitted.toEpochMilli();
    }

    /**
     * What was asked; never changes, except {@code deadlineAt}: while PENDING_APPROVAL it is when the approvals must
     * have come, and the last approval sets it anew (ACTIVE by then, counted from when the job may start). Built by name ({@link #builder()}): many of its fields share a type. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(UUID id, String widgetId, UUID themeId, int themeVersion, String contentHash,
            OnConflict onConflict, UUID cxoneThemeId, UUID rollbackOf, String requestedBy, String requestId,
            Instant createdAt, Instant deadlineAt) {

        static Builder builder() {
            return new Builder();
        }

        /** Names every field as it is set, so two of one type cannot be swapped unseen. */
        static final class Builder {
            private UUID id;
            private String widgetId;
            private UUID themeId;
            private int themeVersion;
            private String contentHash;
            private OnConflict onConflict;
            private UUID cxoneThemeId;
            private UUID rollbackOf;
            private String requestedBy;
            private String requestId;
            private Instant createdAt;
            private Instant deadlineAt;

            Builder id(UUID value) { id = value; return this; }
            Builder widgetId(String value) { widgetId = value; return this; }
            Builder theme(UUID value, int version, String hash) {
                themeId = value;
                themeVersion = version;
                contentHash = hash;
                return this;
            }
            Builder onConflict(OnConflict value) { onConflict = value; return this; }
            Builder cxoneThemeId(UUID value) { cxoneThemeId = value; return this; }
            Builder rollbackOf(UUID value) { rollbackOf = value; return this; }
            Builder requestedBy(String value) { requestedBy = value; return this; }
            Builder requestId(String value) { requestId = value; return this; }
            Builder createdAt(Instant value) { createdAt = value; return this; }
            Builder deadlineAt(Instant value) { deadlineAt = value; return this; }

            Request build() {
                return new Request(id, widgetId, themeId, themeVersion, contentHash, onConflict, cxoneThemeId,
                        rollbackOf, requestedBy, requestId, createdAt, deadlineAt);
            }
        }
    }

    /** How far the job got. Changed only through {@link PublicationJob}'s named transitions. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(State state, String versionTag, int attempts, int polls, String failureReason,
            String lastError, Instant submittedAt, Instant activatedAt, Instant finishedAt, Instant updatedAt,
            @Schema(description = "Distinct approvals (role theme-approver, not the requester) the widget's policy asked "
                    + "for when this was requested") int approvalsRequired,
            @Schema(description = "Who approved it so far, in order") List<String> approvedBy,
            @Schema(description = "The requester's earliest start, if one was given") Instant notBefore,
            @Schema(description = "SCHEDULED only: when it starts (the next window start, or notBefore)") Instant runAt) {

        static Builder builder() {
            return new Builder();
        }

        Builder toBuilder() {
            return new Builder().state(state).versionTag(versionTag).attempts(attempts).polls(polls)
                    .failureReason(failureReason).lastError(lastError).submittedAt(submittedAt)
                    .activatedAt(activatedAt).finishedAt(finishedAt).updatedAt(updatedAt)
                    .approvalsRequired(approvalsRequired).approvedBy(approvedBy).notBefore(notBefore).runAt(runAt);
        }

        /** Names every field as it is set, so two of one type cannot be swapped unseen. */
        static final class Builder {
            private State state;
            private String versionTag;
            private int attempts;
            private int polls;
            private String failureReason;
            private String lastError;
            private Instant submittedAt;
            private Instant activatedAt;
            private Instant finishedAt;
            private Instant updatedAt;
            private int approvalsRequired;
            private List<String> approvedBy = List.of();
            private Instant notBefore;
            private Instant runAt;

            Builder state(State value) { state = value; return this; }
            Builder versionTag(String value) { versionTag = value; return this; }
            Builder attempts(int value) { attempts = value; return this; }
            Builder polls(int value) { polls = value; return this; }
            Builder failureReason(String value) { failureReason = value; return this; }
            Builder lastError(String value) { lastError = value; return this; }
            Builder submittedAt(Instant value) { submittedAt = value; return this; }
            Builder activatedAt(Instant value) { activatedAt = value; return this; }
            Builder finishedAt(Instant value) { finishedAt = value; return this; }
            Builder updatedAt(Instant value) { updatedAt = value; return this; }
            Builder approvalsRequired(int value) { approvalsRequired = value; return this; }
            Builder approvedBy(List<String> value) { approvedBy = List.copyOf(value); return this; }
            Builder notBefore(Instant value) { notBefore = value; return this; }
            Builder runAt(Instant value) { runAt = value; return this; }

            Progress build() {
                return new Progress(state, versionTag, attempts, polls, failureReason, lastError, submittedAt,
                        activatedAt, finishedAt, updatedAt, approvalsRequired, approvedBy, notBefore, runAt);
            }
        }
    }
}
