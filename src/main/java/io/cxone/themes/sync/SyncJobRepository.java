package io.cxone.themes.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.sync.SyncWork.Batch;
import io.cxone.themes.sync.SyncWork.Item;
import io.cxone.themes.sync.SyncWork.Outcome;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for sync jobs and their items; the engine owns the lease columns (jobs.Leases). */
@ApplicationScoped
class SyncJobRepository {
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

    /** Ends the job when nothing is pending (call it behind the lease's fence); answers the final counts, or empty. */
    Uni<Optional<Row>> finish(SqlClient tx, UUID job) {
        return tx.preparedQuery("UPDATE sync_jobs SET state = CASE WHEN failed = 0 THEN 'SUCCEEDED' "
                + "WHEN failed = total THEN 'FAILED' ELSE 'COMPLETED_WITH_FAILURES' END, finished_at = now(), "
                + "updated_at = now(), lease_owner = NULL, lease_until = NULL WHERE id = $1 "
                + "AND state = 'RUNNING' AND synced + skipped + failed = total "
                + "RETURNING state, total, synced, skipped, failed, publication_id, "
                + "extract(epoch FROM finished_at - started_at) AS seconds")
                .execute(Tuple.of(job)).map(SyncJobRepository::first);
    }

    static Optional<Row> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    /** An item as recorded. */
    record RecordedItem(int seq, String widgetId, String status, String reason) {
    }
}
