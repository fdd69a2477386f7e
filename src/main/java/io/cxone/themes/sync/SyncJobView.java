package io.cxone.themes.sync;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A job's progress: counts, throughput since it started (widgets/s) and the estimated seconds left; {@code failureReason}
 * when the job was ended FAILED because its runs kept failing (absent otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncJobView(UUID id, UUID publicationId, UUID targetThemeId, boolean overrideExisting, String state,
        int total, int synced, int skipped, int failed, int pending, Double rate, Double etaSeconds, int batchSize,
        String requestedBy, Instant createdAt, Instant startedAt, Instant finishedAt, String failureReason) {

    public boolean terminal() {
        return SyncStates.terminal(state);
    }
}
