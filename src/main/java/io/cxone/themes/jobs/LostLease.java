package io.cxone.themes.jobs;

import java.util.UUID;

/** Another instance holds the job now (our lease ran out, or was released): stop working on it, write nothing more. */
public final class LostLease extends RuntimeException {
    public LostLease(JobTable table, UUID id) {
        super("lease on " + table.noun() + " job " + id + " lost", null, false, false);
    }
}
