package io.cxone.themes.sync;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One widget's outcome in a sync job, listed by {@code GET /api/v1/sync-jobs/{id}/items}; {@code reason} says why it failed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncItem(int index, String widgetId, String status, String reason, Instant finishedAt) {
}
