package io.cxone.themes.sync;

import java.util.UUID;

/**
 * A sync job as a run works on it, read from its claimed row: what to send (the target theme, whether to override) and
 * how far it got. A row that breaks what every job created through the API holds cannot be run (it would never end):
 * the engine ends it at once.
 *
 * @param requestId the request that queued it: its log lines and audit events carry it
 * @param done widgets with an outcome when it was claimed
 */
record SyncJob(UUID id, UUID publicationId, UUID targetThemeId, boolean overrideExisting, String requestId, int total,
        int done) {

    SyncJob {
        if (total < 1 || done < 0 || done > total) {
            throw new IllegalStateException("sync job " + id + " holds " + done + " outcomes for " + total
                    + " widgets; a job has 1 or more widgets and at most one outcome each");
        }
    }
}
