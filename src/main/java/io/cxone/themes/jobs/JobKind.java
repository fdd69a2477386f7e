package io.cxone.themes.jobs;

import java.time.Duration;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A kind of durable job, run by the {@link JobEngine}: the kind says which rows are jobs and what one unit of work
 * is; the engine claims, renews, fences, releases and stops. Implementations are CDI beans; the engine finds them all.
 *
 * @param <J> the job as the kind works on it
 */
public interface JobKind<J> {

    JobTable table();

    /** The job from its claimed row (the whole row). */
    J claimed(Row row);

    /** How long a claim holds without renewal; a crashed instance's jobs are taken over after it. */
    Duration lease();

    /** How often each instance looks for runnable jobs nobody holds. */
    Duration scanInterval();

    /** At most this many claimed per scan. */
    int claimBatch();

    /** At most this many held by one instance at once (a sync job paces its own calls: one at a time). */
    int maxHeld();

    /** The span name of one unit of work (when tracing is on). */
    String spanName(J job);

    /**
     * One unit of work on a job this instance holds. Every write it makes goes through {@link Lease#fence} in the
     * write's transaction; a failure other than {@link LostLease} leaves the job as last stored, and it resumes (here
     * or elsewhere) when the lease has run out.
     */
    Uni<Next<J>> run(J job, Lease lease);
}
