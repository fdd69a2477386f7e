package io.cxone.themes.rollout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A canary rollout as stored and as shown. {@code stage} indexes {@code stages} while one runs and is null while the
 * variant is being published; {@code command} is what a person asked and the job has not yet carried out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rollout(UUID id, String widgetId, UUID themeId, int themeVersion, UUID publicationId,
        UUID variantCxoneThemeId, UUID controlPublicationId, UUID controlCxoneThemeId, List<Integer> stages,
        int holdSeconds, Gates gates, String state, Integer stage, Instant stageStartedAt, int holdExtensions,
        String command, String commandBy, GateReading lastGate, String outcome, String requestedBy, Instant createdAt,
        Instant updatedAt, Instant finishedAt, @JsonIgnore String requestId) {

    public static final String PENDING_APPROVAL = "PENDING_APPROVAL";
    public static final String SCHEDULED = "SCHEDULED";
    public static final String RUNNING = "RUNNING";
    public static final String PAUSED = "PAUSED";
    public static final String PROMOTED = "PROMOTED";
    public static final String ROLLED_BACK = "ROLLED_BACK";
    public static final String ABORTED = "ABORTED";
    public static final String STALLED = "STALLED";
    public static final String FAILED = "FAILED";
    public static final List<String> STATES = List.of(PENDING_APPROVAL, SCHEDULED, RUNNING, PAUSED, PROMOTED,
            ROLLED_BACK, ABORTED, STALLED, FAILED);
    /** A rollout in one of these is not over: it holds the widget's A/B split (one per widget). */
    public static final List<String> LIVE = List.of(PENDING_APPROVAL, SCHEDULED, RUNNING, PAUSED, STALLED);

    /** The variant's share of traffic now, in percent: the current stage's, 100 once promoted, else 0. */
    @JsonProperty
    public int variantPercent() {
        if (PROMOTED.equals(state)) {
            return 100;
        }
        // a paused rollout keeps its split (its hold restarts on resume, hence no stageStartedAt)
        boolean split = stage != null && (PAUSED.equals(state) || STALLED.equals(state)
                || RUNNING.equals(state) && stageStartedAt != null);
        return split ? stages.get(stage) : 0;
    }

    public boolean live() {
        return LIVE.contains(state);
    }
}
