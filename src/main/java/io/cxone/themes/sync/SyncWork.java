package io.cxone.themes.sync;

import java.util.List;
import java.util.UUID;

/** What a worker holds while running a job: the claimed job, its pending batches and their outcomes. */
final class SyncWork {
    private SyncWork() {
    }

    /** A job this instance holds the lease of. */
    record ClaimedJob(UUID id, UUID publicationId, UUID targetThemeId, boolean overrideExisting, String requestId) {
    }

    /** One widget still to sync; {@code seq} is its index in the job. */
    record Item(int seq, String widgetId) {
    }

    /** Widgets sent in one batch-sync call. */
    record Batch(int number, List<Item> items) {
        List<String> widgetIds() {
            return items.stream().map(Item::widgetId).toList();
        }
    }

    /** One widget's recorded result. */
    record Outcome(int seq, String status, String reason) {
    }
}
