package io.cxone.themes.sync;

import java.util.List;

/** What a run of a sync job moves around: its pending widgets, their batches and their outcomes. */
final class SyncWork {
    private SyncWork() {
    }

    /** A widget still to sync, as stored: {@code seq} is its index in the job, {@code batch} fixed at creation. */
    record PendingItem(int seq, String widgetId, int batch) {
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

    /** The job's counts as stored, read behind the lease's fence when a run ends. */
    record Counts(int total, int synced, int skipped, int failed, int pending) {
    }
}
