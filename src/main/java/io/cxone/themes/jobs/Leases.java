package io.cxone.themes.jobs;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.cxone.themes.db.DbClock;
import io.cxone.themes.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL of the engine-owned columns of one job table ({@link JobTable}), for one owner. Leases and due times are
 * set and compared on the database's clock only (two instances whose clocks disagree would otherwise both think a
 * lease ran out); SKIP LOCKED lets instances claim side by side without waiting for each other, and a write is ours
 * only while the row's {@code lease_owner} is us. Every fenced write and lifecycle operation also sends
 * {@link #CHANGED} in its transaction, so every replica hears of the change when (and only if) it commits.
 */
public final class Leases {
    /** Channel of job changes; payload {@code <table>:<id>}. */
    public static final String CHANGED = "cxone_job_changed";
    /** Failure reasons are cut to this many characters (they reach the kind's failure reason and the audit). */
    static final int MAX_REASON = 500;

    private final JobTable table;
    private final String owner;
    private final String claim;
    private final String ours;

    public Leases(JobTable table, String owner) {
        this.table = table;
        this.owner = owner;
        this.claim = "UPDATE " + table.name() + " SET lease_owner = $1, lease_until = " + DbClock.plusMillis("$2")
                + (table.onClaim().isEmpty() ? "" : ", " + table.onClaim()) + " WHERE id IN (SELECT id FROM "
                + table.name() + " WHERE (" + table.runnable() + ") AND run_at <= now() "
                + "AND (lease_until IS NULL OR lease_until < now()) ORDER BY " + table.order()
                + " LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING *";
        this.ours = " WHERE id = $1 AND lease_owner = $2 RETURNING pg_notify('" + CHANGED + "', '" + table.name()
                + ":' || id)::text";
    }

    public JobTable table() {
        return table;
    }

    public String owner() {
        return owner;
    }

    /** Up to {@code limit} runnable rows nobody holds, now ours for {@code lease}. */
    public Uni<List<Row>> claim(SqlClient client, Duration lease, int limit) {
        return client.preparedQuery(claim).execute(Tuple.of(owner, lease.toMillis(), limit)).map(rows -> Rows.list(rows,
                r -> r));
    }

    /** Extends our leases on {@code ids} to at least {@code lease} from now; answers the ids still ours. */
    public Uni<Set<UUID>> renew(SqlClient client, List<UUID> ids, Duration lease) {
        return client.preparedQuery("UPDATE " + table.name() + " SET lease_until = GREATEST(lease_until, "
                + DbClock.plusMillis("$2") + ") WHERE lease_owner = $1 AND id = ANY($3) RETURNING id")
                .execute(Tuple.of(owner, lease.toMillis(), ids.toArray(UUID[]::new))).map(rows -> {
                    Set<UUID> held = new HashSet<>();
                    rows.forEach(r -> held.add(r.getUUID(0)));
                    return held;
                });
    }

    /**
     * Locks the job's row for the rest of {@code tx} if it is still ours: everything the transaction writes after this
     * is ours alone. Fails with {@link LostLease} otherwise.
     */
    public Uni<Void> fence(SqlClient tx, UUID id) {
        return ours(tx, "SELECT pg_notify('" + CHANGED + "', '" + table.name() + ":' || id)::text FROM " + table.name()
                + " WHERE id = $1 AND lease_owner = $2 FOR UPDATE", Tuple.of(id, owner), id);
    }

    /** The failures counted so far on our job {@code id}, with its row locked for the rest of {@code tx}. */
    Uni<Integer> fenceForFailure(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT failed_attempts FROM " + table.name()
                + " WHERE id = $1 AND lease_owner = $2 FOR UPDATE").execute(Tuple.of(id, owner)).map(rows -> {
                    if (rows.rowCount() != 1) {
                        throw new LostLease(table, id);
                    }
                    return rows.iterator().next().getInteger(0);
                });
    }

    Uni<Void> complete(SqlClient tx, UUID id) {
        return ours(tx, "UPDATE " + table.name() + " SET lease_owner = NULL, lease_until = NULL, failed_attempts = 0, "
                + "last_failure = NULL" + this.ours, Tuple.of(id, owner), id);
    }

    Uni<Void> hold(SqlClient tx, UUID id, Duration delay, Duration lease) {
        return ours(tx, "UPDATE " + table.name() + " SET run_at = " + DbClock.plusMillis("$3") + ", lease_until = "
                + DbClock.plusMillis("$4") + ", failed_attempts = 0, last_failure = NULL" + this.ours,
                Tuple.of(id, owner, delay.toMillis(), delay.plus(lease).toMillis()), id);
    }

    Uni<Void> handBack(SqlClient tx, UUID id, Duration after) {
        return ours(tx, "UPDATE " + table.name() + " SET lease_owner = NULL, lease_until = NULL, run_at = "
                + DbClock.plusMillis("$3") + ", failed_attempts = 0, last_failure = NULL" + this.ours,
                Tuple.of(id, owner, after.toMillis()), id);
    }

    /** A failed unit, to be tried again: released, due after {@code backoff}, the count and reason recorded. */
    Uni<Void> retryLater(SqlClient tx, UUID id, int failures, String reason, Duration backoff) {
        return ours(tx, "UPDATE " + table.name() + " SET lease_owner = NULL, lease_until = NULL, run_at = "
                + DbClock.plusMillis("$3") + ", failed_attempts = $4, last_failure = $5" + this.ours,
                Tuple.of(id, owner, backoff.toMillis(), failures, reason), id);
    }

    /**
     * Given up: released with the count and reason recorded. The kind has written its terminal state in {@code tx};
     * when it could not ({@code forever}), the row is parked — never due again — so it cannot be claimed in a loop.
     */
    Uni<Void> giveUp(SqlClient tx, UUID id, int failures, String reason, boolean forever) {
        return ours(tx, "UPDATE " + table.name() + " SET lease_owner = NULL, lease_until = NULL, failed_attempts = $3, "
                + "last_failure = $4" + (forever ? ", run_at = 'infinity'" : "") + this.ours,
                Tuple.of(id, owner, failures, reason), id);
    }

    /**
     * A job a person takes up again after the engine gave up on it (e.g. "check now" on a parked watch), in the
     * kind's transaction: its failed attempts are forgotten and it is due now, so it gets the full number of attempts.
     */
    public static Uni<Void> revive(SqlClient tx, JobTable table, UUID id) {
        return tx.preparedQuery("UPDATE " + table.name() + " SET failed_attempts = 0, last_failure = NULL, "
                + "run_at = LEAST(run_at, now()) WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /**
     * A job that waits for something outside the engine (a person's approval, a publication window) is due at
     * {@code at}, in the kind's transaction (a request's, not a unit's: nobody holds the row), with its failed attempts
     * forgotten; every replica hears of the change when it commits. The one way a kind sets {@code run_at} itself:
     * {@code at} is the kind's decision (a deadline, a window's start), and the engine still claims the row no
     * earlier than it on the database's clock.
     */
    public static Uni<Void> dueAt(SqlClient tx, JobTable table, UUID id, java.time.Instant at) {
        return tx.preparedQuery("UPDATE " + table.name() + " SET run_at = $2, failed_attempts = 0, last_failure = NULL "
                + "WHERE id = $1 RETURNING pg_notify('" + CHANGED + "', '" + table.name() + ":' || id)::text")
                .execute(Tuple.of(id, Rows.utc(at))).replaceWithVoid();
    }

    /** Hands one job back (if still ours), due as it was: any instance may claim it at its next scan. */
    public Uni<Boolean> release(SqlClient client, UUID id) {
        return client.preparedQuery("UPDATE " + table.name() + " SET lease_owner = NULL, lease_until = NULL "
                + "WHERE id = $1 AND lease_owner = $2").execute(Tuple.of(id, owner)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Hands back every job we hold (graceful shutdown) and wakes the other instances' workers (one
     * {@link JobSignals#JOB_QUEUED} per statement: PostgreSQL folds identical notifications of a transaction): they
     * resume the jobs at once instead of at their next scan or after the lease.
     */
    public Uni<Integer> releaseAll(SqlClient client) {
        return client.preparedQuery("UPDATE " + table.name() + " SET lease_owner = NULL, lease_until = NULL "
                + "WHERE lease_owner = $1 RETURNING pg_notify('" + JobSignals.JOB_QUEUED + "', '" + table.name()
                + "')::text").execute(Tuple.of(owner)).map(RowSet::rowCount);
    }

    private Uni<Void> ours(SqlClient tx, String sql, Tuple args, UUID id) {
        return tx.preparedQuery(sql).execute(args).map(rows -> {
            if (rows.rowCount() != 1) {
                throw new LostLease(table, id);
            }
            return null;
        });
    }

    static String reason(Throwable failure) {
        String message = failure.getMessage();
        String text = failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }
}
