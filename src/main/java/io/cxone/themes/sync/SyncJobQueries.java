package io.cxone.themes.sync;

import static io.cxone.themes.db.Rows.instant;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Read-side SQL: a job's progress and pages of its items. */
@ApplicationScoped
class SyncJobQueries {

    Uni<Optional<SyncJobView>> view(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT *, extract(epoch FROM COALESCE(finished_at, now()) - started_at) AS seconds "
                + "FROM sync_jobs WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> SyncJobRepository.first(rows).map(SyncJobQueries::view));
    }

    Uni<Page<SyncItem>> items(SqlClient client, UUID job, String status, PageRequest page) {
        String where = " WHERE job_id = $1 AND ($2::text IS NULL OR status = $2)";
        return client.preparedQuery("SELECT seq, widget_id, status, reason, finished_at FROM sync_items" + where
                + " ORDER BY seq LIMIT $3 OFFSET $4")
                .execute(Tuple.of(job, status, page.size(), page.offset()))
                .chain(rows -> {
                    List<SyncItem> items = new ArrayList<>();
                    rows.forEach(r -> items.add(new SyncItem(r.getInteger("seq"), r.getString("widget_id"),
                            r.getString("status"), r.getString("reason"), instant(r, "finished_at"))));
                    return client.preparedQuery("SELECT count(*) FROM sync_items" + where)
                            .execute(Tuple.of(job, status))
                            .map(count -> Page.of(items, page, count.iterator().next().getLong(0)));
                });
    }

    private static SyncJobView view(Row r) {
        int total = r.getInteger("total");
        int done = r.getInteger("synced") + r.getInteger("skipped") + r.getInteger("failed");
        Object secondsValue = r.getValue("seconds");
        double seconds = secondsValue == null ? 0 : ((Number) secondsValue).doubleValue();
        Double rate = seconds > 0 ? done / seconds : null;
        String state = r.getString("state");
        Double eta = SyncStates.terminal(state) ? Double.valueOf(0)
                : rate != null && rate > 0 ? (total - done) / rate : null;
        return new SyncJobView(r.getUUID("id"), r.getUUID("publication_id"), r.getUUID("target_theme_id"),
                r.getBoolean("override_existing"), state, total, r.getInteger("synced"), r.getInteger("skipped"),
                r.getInteger("failed"), total - done, rate, eta, r.getInteger("batch_size"), r.getString("requested_by"),
                instant(r, "created_at"), instant(r, "started_at"), instant(r, "finished_at"),
                r.getString("failure_reason"));
    }
}
