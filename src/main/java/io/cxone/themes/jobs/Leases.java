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
 * The lease SQL of one job table, for one owner. Leases are set and compared on the database's clock only (two
 * instances whose clocks disagree would otherwise both think a lease ran out); SKIP LOCKED lets instances claim side
 * by side without waiting for each other, and a write is ours only while the row's {@code lease_owner} is us.
 */
public final class Leases {
    private final JobTable table;
    private final String owner;
    private final String claim;

    public Leases(JobTable table, String owner) {
        this.table = table;
        this.owner = owner;
        this.claim = "UPDATE " + table.name() + " SET lease_owner = $1, lease_until = " + DbClock.plusMillis("$2")
                + (table.onClaim().isEmpty() ? "" : ", " + table.onClaim()) + " WHERE id IN (SELECT id FROM "
                + table.name() + " WHERE (" + table.runnable() + ") AND (lease_until IS NULL OR lease_until < now()) "
                + "ORDER BY " + table.order() + " LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING *";
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
        // notifies every instance that the job changed (JobSignals.JOB_CHANGED): delivered on commit, never on rollback
        return tx.preparedQuery("SELECT id, pg_notify('" + JobSignals.JOB_CHANGED + "', $3) FROM " + table.name()
                + " WHERE id = $1 AND lease_owner = $2 FOR UPDATE")
                .execute(Tuple.of(id, owner, table.name() + ":" + id)).map(rows -> {
                    if (rows.rowCount() != 1) {
                        throw new LostLease(table, id);
                    }
                    return null;
                });
    }

    /** Hands one job back (if still ours): any instance may claim it at its next scan. */
    public Uni<Boolean> release(SqlClient client, UUID id) {
        return client.preparedQuery("UPDATE " + table.name() + " SET lease_owner = NULL, lease_until = NULL "
                + "WHERE id = $1 AND lease_owner = $2").execute(Tuple.of(id, owner)).map(rows -> rows.rowCount() == 1);
    }

    /** Hands back every job we hold (graceful shutdown): others resume them at once instead of after the lease. */
    public Uni<Integer> releaseAll(SqlClient client) {
        return client.preparedQuery("UPDATE " + table.name() + " SET lease_owner = NULL, lease_until = NULL "
                + "WHERE lease_owner = $1").execute(Tuple.of(owner)).map(RowSet::rowCount);
    }
}
