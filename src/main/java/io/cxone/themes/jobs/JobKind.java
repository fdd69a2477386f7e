package io.cxone.themes.jobs;

import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * A kind of durable job, run by the {@link JobEngine}: the kind says which rows are jobs, how it is tuned, how to read
 * a claimed row and what one unit of work is. The engine owns everything else of a job's life — claiming, renewing,
 * fencing, completing, holding, handing back, retrying with backoff and giving up — and the columns that record it
 * ({@link JobTable}). Implementations are CDI beans; the engine finds them all.
 *
 * @param <J> the job as the kind works on it
 */
public interface JobKind<J> {

    JobTable table();

    /** Lease, scan, batch, max held and retries: {@code app.jobs.<kind>.*}. */
    JobSettings settings();

    /** The job from its claimed row (the whole row). A row it cannot read is given up at once ({@link #giveUp}). */
    J claimed(Row row);

    /**
     * One unit of work on a job this instance holds. Every write goes through {@link Lease#fence} in the write's
     * transaction, and the unit ends with one of the lease's lifecycle operations in its last transaction
     * ({@link Lease#complete}, {@link Lease#holdFor}, {@link Lease#handBack}) or with {@link Next#again} (go on here
     * after a delay, nothing stored). A failure other than {@link LostLease} counts as a failed attempt: the engine
     * retries the job from what was last stored, after a backoff, and gives up after the kind's max attempts.
     */
    Uni<Next<J>> run(J job, Lease lease);

    /**
     * Ends job {@code id} in the kind's terminal failure state with {@code reason}, in {@code tx} (the engine has fenced
     * the row and releases it in the same transaction): the job failed too often, or its row could not be read. Writes
     * the kind's audit event; must not need more of the row than its id (a poison row cannot be read).
     */
    Uni<Void> giveUp(SqlClient tx, UUID id, String reason);

    /** The span name of one unit of work (when tracing is on). */
    default String spanName(J job) {
        return table().noun() + ".step";
    }
}
