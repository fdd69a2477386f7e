package io.cxone.themes.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.sync.SyncWork.Counts;
import io.cxone.themes.sync.SyncWork.Outcome;
import io.cxone.themes.sync.SyncWork.PendingItem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for sync jobs and their items. The engine's columns (lease, run_at, attempts) are never written here. */
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

    /** The widgets not yet recorded, in order, with the batch number fixed at creation. */
    Uni<List<PendingItem>> pending(SqlClient client, UUID job) {
        return client.preparedQuery("SELECT seq, widget_id, batch FROM sync_items WHERE job_id = $1 "
                + "AND status = 'PENDING' ORDER BY seq").execute(Tuple.of(job)).map(rows -> {
                    List<PendingItem> items = new ArrayList<>();
                    rows.forEach(r -> items.add(new PendingItem(r.getInteger("seq"), r.getString("widget_id"),
                            r.getInteger("batch"))));
                    return items;
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

    /** The job's counts and how many of its widgets are still pending (read behind the lease's fence). */
    Uni<Counts> counts(SqlClient tx, UUID job) {
        return tx.preparedQuery("SELECT total, synced, skipped, failed, (SELECT count(*) FROM sync_items "
                + "WHERE job_id = $1 AND status = 'PENDING')::int AS pending FROM sync_jobs WHERE id = $1")
                .execute(Tuple.of(job)).map(rows -> {
                    Row r = rows.iterator().next();
                    return new Counts(r.getInteger("total"), r.getInteger("synced"), r.getInteger("skipped"),
                            r.getInteger("failed"), r.getInteger("pending"));
                });
    }

    /** Ends the job in {@code state}; answers its seconds from start to end. */
    Uni<Double> end(SqlClient tx, UUID job, String state) {
        return tx.preparedQuery("UPDATE sync_jobs SET state = $2, finished_at = now(), updated_at = now() WHERE id = $1 "
                + "RETURNING extract(epoch FROM finished_at - started_at) AS seconds").execute(Tuple.of(job, state))
                .map(rows -> seconds(rows.iterator().next()));
    }

    /**
     * Ends the job FAILED with {@code reason}, whatever it held (nothing of the row needs to make sense but its id);
     * answers what its audit event reports, or empty when there is no such job.
     */
    Uni<Optional<Row>> fail(SqlClient tx, UUID job, String reason) {
        return tx.preparedQuery("UPDATE sync_jobs SET state = 'FAILED', failure_reason = $2, finished_at = now(), "
                + "updated_at = now() WHERE id = $1 RETURNING publication_id, request_id, total, synced, skipped, "
                + "failed, extract(epoch FROM finished_at - started_at) AS seconds").execute(Tuple.of(job, reason))
                .map(SyncJobRepository::first);
    }

    static double seconds(Row r) {
        Object seconds = r.getValue("seconds");
        return seconds == null ? 0 : ((Number) seconds).doubleValue();
    }

    static Optional<Row> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    /** An item as recorded. */
    record RecordedItem(int seq, String widgetId, String status, String reason) {
    }
}
