package io.cxone.themes.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.db.DbClock;
import io.cxone.themes.sync.SyncWork.Batch;
import io.cxone.themes.sync.SyncWork.ClaimedJob;
import io.cxone.themes.sync.SyncWork.Item;
import io.cxone.themes.sync.SyncWork.Outcome;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for jobs, items and leases. Lease times use the database clock, so instances' clocks never disagree. */
@ApplicationScoped
class SyncJobRepository {
    private static final String LEASE = DbClock.plusMillis("$2");

    Uni<Void> insert(SqlClient tx, UUID id, UUID publicationId, UUID target, boolean override, int batchSize,
            List<String> widgetIds, String actor, String requestId, String traceParent) {
        return tx.preparedQuery("INSERT INTO sync_jobs (id, publication_id, target_theme_id, override_existing, "
                + "batch_size, state, total, requested_by, request_id, created_at, updated_at, trace_parent) "
                + "VALUES ($1, $2, $3, $4, $5, 'QUEUED', $6, $7, $8, now(), now(), $9)")
                .execute(Tuple.from(new Object[] { id, publicationId, target, override, batchSize, widgetIds.size(),
                        actor, requestId, traceParent }))
                .chain(() -> tx.preparedQuery("INSERT INTO sync_items (job_id, seq, widget_id, batch, status) "
                        + "SELECT $1, (t.o - 1)::int, t.w, ((t.o - 1) / $3)::int, 'PENDING' "
                        + "FROM unnest($2::text[]) WITH ORDINALITY AS t(w, o)")
                        .execute(Tuple.of(id, widgetIds.toArray(String[]::new), batchSize)))
                .replaceWithVoid();
    }

    /** The oldest job that is queued, or running under a lease that ran out (its owner died); skips jobs being claimed. */
    Uni<Optional<ClaimedJob>> claim(SqlClient client, String owner, Duration lease) {
        return client.preparedQuery("UPDATE sync_jobs SET state = 'RUNNING', lease_owner = $1, lease_until = " + LEASE
                + ", started_at = COALESCE(started_at, now()), updated_at = now() WHERE id = (SELECT id FROM sync_jobs "
                + "WHERE state IN ('QUEUED', 'RUNNING') AND (lease_until IS NULL OR lease_until < now()) "
                + "ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED) "
                + "RETURNING id, publication_id, target_theme_id, override_existing, request_id")
                .execute(Tuple.of(owner, lease.toMillis())).map(rows -> first(rows).map(r -> new ClaimedJob(
                        r.getUUID("id"), r.getUUID("publication_id"), r.getUUID("target_theme_id"),
                        r.getBoolean("override_existing"), r.getString("request_id"))));
    }

    Uni<Boolean> renew(SqlClient client, UUID job, String owner, Duration lease) {
        return client.preparedQuery("UPDATE sync_jobs SET lease_until = " + LEASE.replace("$2", "$3")
                + " WHERE id = $1 AND lease_owner = $2 AND state = 'RUNNING'")
                .execute(Tuple.of(job, owner, lease.toMillis())).map(rows -> rows.rowCount() == 1);
    }

    /** Gives up this instance's leases (graceful shutdown), so another instance resumes at once. */
    Uni<Integer> releaseAll(SqlClient client, String owner) {
        return client.preparedQuery("UPDATE sync_jobs SET lease_owner = NULL, lease_until = NULL "
                + "WHERE lease_owner = $1 AND state = 'RUNNING'").execute(Tuple.of(owner)).map(rows -> rows.rowCount());
    }

    /** The W3C traceparent of the request that queued the job (jobs.JobTracing), or null. */
    Uni<String> traceParent(SqlClient client, UUID job) {
        return client.preparedQuery("SELECT trace_parent FROM sync_jobs WHERE id = $1").execute(Tuple.of(job))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }

    Uni<Void> release(SqlClient client, UUID job, String owner) {
        return client.preparedQuery("UPDATE sync_jobs SET lease_owner = NULL, lease_until = NULL "
                + "WHERE id = $1 AND lease_owner = $2").execute(Tuple.of(job, owner)).replaceWithVoid();
    }

    /** The widgets not yet recorded, grouped by the batch number fixed at creation. */
    Uni<List<Batch>> pendingBatches(SqlClient client, UUID job) {
        return client.preparedQuery("SELECT seq, widget_id, batch FROM sync_items WHERE job_id = $1 "
                + "AND status = 'PENDING' ORDER BY seq").execute(Tuple.of(job)).map(rows -> {
                    List<Batch> batches = new ArrayList<>();
                    List<Item> current = null;
                    int number = -1;
                    for (Row r : rows) {
                        if (r.getInteger("batch") != number) {
                            number = r.getInteger("batch");
                            current = new ArrayList<>();
                            batches.add(new Batch(number, current));
                        }
                        current.add(new Item(r.getInteger("seq"), r.getString("widget_id")));
                    }
                    return batches;
                });
    }

    /** Locks the job row if we still hold its lease: everything recorded after this is ours alone to write. */
    Uni<Boolean> lockIfOwned(SqlClient tx, UUID job, String owner) {
        return tx.preparedQuery("SELECT id FROM sync_jobs WHERE id = $1 AND lease_owner = $2 AND state = 'RUNNING' "
                + "FOR UPDATE").execute(Tuple.of(job, owner)).map(rows -> rows.rowCount() == 1);
    }

    /** Records outcomes of still-pending items only (a re-sent batch never counts a widget twice); answers those. */
    Uni<List<RecordedItem>> record(SqlClient tx, UUID job, List<Outcome> outcomes) {
        Integer[] seqs = outcomes.stream().map(Outcome::seq).toArray(Integer[]::new);
        String[] statuses = outcomes.stream().map(Outcome::status).toArray(String[]::new);
        String[] reasons = outcomes.stream().map(Outcome::reason).toArray(String[]::new);
        return tx.preparedQuery("UPDATE sync_items AS i SET status = u.status, reason = u.reason, finished_at = now() "
                + "FROM unnest($2::int[], $3::text[], $4::text[]) AS u(seq, status, reason) "
                + "WHERE i.job_id = $1 AND i.seq = u.seq AND i.status = 'PENDING' "
                + "RETURNING i.seq, i.widget_id, i.status, i.reason")
                .execute(Tuple.of(job, seqs, statuses, reasons)).map(rows -> {
                    List<RecordedItem> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new RecordedItem(r.getInteger("seq"), r.getString("widget_id"),
                            r.getString("status"), r.getString("reason"))));
                    return out;
                });
    }

    Uni<Void> addCounts(SqlClient tx, UUID job, int synced, int skipped, int failed) {
        return tx.preparedQuery("UPDATE sync_jobs SET synced = synced + $2, skipped = skipped + $3, failed = failed + $4, "
                + "updated_at = now() WHERE id = $1").execute(Tuple.of(job, synced, skipped, failed)).replaceWithVoid();
    }

    /** Ends the job when nothing is pending and we hold it; answers the final counts, or empty when not done. */
    Uni<Optional<Row>> finish(SqlClient tx, UUID job, String owner) {
        return tx.preparedQuery("UPDATE sync_jobs SET state = CASE WHEN failed = 0 THEN 'SUCCEEDED' "
                + "WHEN failed = total THEN 'FAILED' ELSE 'COMPLETED_WITH_FAILURES' END, finished_at = now(), "
                + "updated_at = now(), lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2 "
                + "AND state = 'RUNNING' AND synced + skipped + failed = total "
                + "RETURNING state, total, synced, skipped, failed, publication_id, "
                + "extract(epoch FROM finished_at - started_at) AS seconds")
                .execute(Tuple.of(job, owner)).map(SyncJobRepository::first);
    }

    static Optional<Row> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    /** An item as recorded. */
    record RecordedItem(int seq, String widgetId, String status, String reason) {
    }
}
