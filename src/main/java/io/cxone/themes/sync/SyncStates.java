package io.cxone.themes.sync;

import java.util.Set;

/** Job and item states. */
final class SyncStates {
    static final String QUEUED = "QUEUED";
    static final String RUNNING = "RUNNING";
    static final String PENDING = "PENDING";
    static final String SYNCED = "SYNCED";
    static final String SKIPPED = "SKIPPED";
    static final String FAILED = "FAILED";
    static final String SUCCEEDED = "SUCCEEDED";
    static final String COMPLETED_WITH_FAILURES = "COMPLETED_WITH_FAILURES";
    static final Set<String> ITEM_STATES = Set.of(PENDING, SYNCED, SKIPPED, FAILED);

    private SyncStates() {
    }

    static boolean terminal(String jobState) {
        return !QUEUED.equals(jobState) && !RUNNING.equals(jobState);
    }
}
