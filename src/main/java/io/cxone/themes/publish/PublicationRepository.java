package io.cxone.themes.publish;

import static io.cxone.themes.db.Rows.instant;
import static io.cxone.themes.db.Rows.utc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.db.DbClock;
import io.cxone.themes.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for publications; job writes run behind the engine's lease fence (jobs.Lease#fence). */
@ApplicationScoped
class PublicationRepository {
    private static final String INSERT = "INSERT INTO publications (id, widget_id, theme_id, theme_version, content_hash, "
            + "version_tag, requested_version_tag, on_conflict, cxone_theme_id, state, rollback_of, requested_by, "
            + "request_id, created_at, deadline_at, run_at, updated_at, trace_parent) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $13, $13, $15)";
    private static final String SAVE = "UPDATE publications SET version_tag = $2, state = $3, attempts = $4, polls = $5, "
            + "failure_reason = $6, submitted_at = $7, activated_at = $8, finished_at = $9, "
            + "run_at = $10, updated_at = $11, conflicts = $12, last_error = $13, "
            + "lease_until = CASE WHEN $14::bigint IS NULL THEN NULL ELSE " + DbClock.plusMillis("$14") + " END, "
            + "lease_owner = CASE WHEN $14::bigint IS NULL THEN NULL ELSE lease_owner END "
            + "WHERE id = $1 RETURNING *";

    private static final int WIDGET_LOCK_CLASS = 0x7075626c; // "publ"
    private static final String DUPLICATE = "SELECT * FROM publications WHERE widget_id = $1 AND theme_id = $2 "
            + "AND theme_version = $3 AND requested_version_tag = $4 "
            + "AND state IN ('QUEUED', 'SUBMITTED', 'ACTIVATING', 'ACTIVE') ORDER BY created_at DESC LIMIT 1";

    /** {@code traceParent}: the W3C traceparent of the request that queued it (jobs.JobTracing), or null. */
    Uni<Void> insert(SqlClient tx, PublicationTask task, String traceParent) {
        Publication.Request r = task.request();
        return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] { r.id(), r.widgetId(), r.themeId(),
                r.themeVersion(), r.contentHash(), task.progress().versionTag(), r.onConflict().name(), r.cxoneThemeId(),
                task.state().name(), r.rollbackOf(), r.requestedBy(), r.requestId(), utc(r.createdAt()),
                utc(r.deadlineAt()), traceParent })).replaceWithVoid();
    }

    /**
     * Serialises the creating transactions of one widget until they commit: a transaction-scoped advisory lock in a
     * key space of its own (the two-int form, class "publ").
     */
    Uni<Void> lockWidget(SqlClient tx, String widgetId) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(" + WIDGET_LOCK_CLASS + ", hashtext($1)) IS NULL")
                .execute(Tuple.of(widgetId)).replaceWithVoid();
    }

    /** A queued, under way or ACTIVE publication of the same widget, theme version and requested tag as {@code task}. */
    Uni<Optional<Publication>> duplicate(SqlClient tx, PublicationTask task) {
        Publication.Request r = task.request();
        return tx.preparedQuery(DUPLICATE).execute(Tuple.of(r.widgetId(), r.themeId(), r.themeVersion(),
                task.progress().versionTag())).map(rows -> first(rows).map(PublicationTask::view));
    }

    Uni<Optional<PublicationTask>> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT * FROM publications WHERE id = $1").execute(Tuple.of(id)).map(this::first);
    }

    Uni<List<Publication>> byWidget(SqlClient client, String widgetId, long offset, int limit) {
        return client.preparedQuery("SELECT * FROM publications WHERE widget_id = $1 ORDER BY created_at DESC, id "
                + "LIMIT $2 OFFSET $3").execute(Tuple.of(widgetId, limit, offset)).map(this::all);
    }

    Uni<Long> countByWidget(SqlClient client, String widgetId) {
        return client.preparedQuery("SELECT count(*) FROM publications WHERE widget_id = $1").execute(Tuple.of(widgetId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Writes the job's progress (call it behind the lease's fence, in the same transaction) and holds the lease for
     * {@code hold} from the database's now (null releases it). {@code next_run_at} is the job's own schedule, on the
     * clock of the instance that set it: a skewed clock makes a step due a little early or late, never run twice.
     */
    Uni<PublicationTask> save(SqlClient tx, PublicationTask task, Duration hold) {
        Publication.Progress p = task.progress();
        return tx.preparedQuery(SAVE).execute(Tuple.from(new Object[] { task.id(), p.versionTag(), p.state().name(),
                p.attempts(), p.polls(), p.failureReason(), utc(p.submittedAt()), utc(p.activatedAt()),
                utc(p.finishedAt()), utc(task.nextRunAt()), utc(p.updatedAt()), task.conflicts(), p.lastError(),
                hold == null ? null : hold.toMillis() })).map(rows -> map(rows.iterator().next()));
    }

    private Optional<PublicationTask> first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Optional.of(map(rows.iterator().next())) : Optional.empty();
    }

    private List<Publication> all(RowSet<Row> rows) {
        return Rows.list(rows, r -> map(r).view());
    }

    static PublicationTask map(Row r) {
        Publication.Request request = Publication.Request.builder().id(r.getUUID("id")).widgetId(r.getString("widget_id"))
                .theme(r.getUUID("theme_id"), r.getInteger("theme_version"), r.getString("content_hash"))
                .onConflict(Publication.OnConflict.valueOf(r.getString("on_conflict")))
                .cxoneThemeId(r.getUUID("cxone_theme_id")).rollbackOf(r.getUUID("rollback_of"))
                .requestedBy(r.getString("requested_by")).requestId(r.getString("request_id"))
                .createdAt(instant(r, "created_at")).deadlineAt(instant(r, "deadline_at")).build();
        Publication.Progress progress = Publication.Progress.builder()
                .state(Publication.State.valueOf(r.getString("state"))).versionTag(r.getString("version_tag"))
                .attempts(r.getInteger("attempts")).polls(r.getInteger("polls"))
                .failureReason(r.getString("failure_reason")).lastError(r.getString("last_error"))
                .submittedAt(instant(r, "submitted_at")).activatedAt(instant(r, "activated_at"))
                .finishedAt(instant(r, "finished_at")).updatedAt(instant(r, "updated_at")).build();
        return new PublicationTask(new Publication(request, progress), r.getString("requested_version_tag"),
                r.getInteger("conflicts"), instant(r, "run_at"));
    }

}
