package io.cxone.themes.sync;

import java.util.List;

/** The body of {@code POST /api/v1/sync-jobs}. */
public record SyncJobRequest(String publicationId, List<String> widgetIds, Boolean overrideExisting) {
}
