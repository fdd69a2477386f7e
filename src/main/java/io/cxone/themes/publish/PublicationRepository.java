package io.cxone.themes.publish;

import static io.cxone.themes.db.Rows.instant;
import static io.cxone.themes.db.Rows.utc;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * SQL for publications. Job writes run behind the engine's lease fence (jobs.Lease#fence); the engine's columns (lease,
 * {@code run_at}, failed attempts) are never written here: a new row is due at once by {@code run_at}'s default.
 */
@ApplicationScoped
class PublicationRepository {
    private static final String INSERT = "INSERT INTO publications (id, widget_id, theme_id, theme_version, content_hash, "
            + "version_tag, requested_version_tag, on_conflict, cxone_theme_id, state, rollback_of, requested_by, "
            + "request_id, created_at, deadline_at, updated_at, trace_parent, approvals_required, not_before) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $13, $15, $16, $17)";
    /**
     * Who approved, in order: read with every row the API shows (publication_approvals is governance's table; this
     * only reads it).
     */
    static final String APPROVED_BY = "ARRAY(SELECT a.approver FROM publication_approvals a WHERE a.publication_id = "
            + "publications.id AND a.decision = 'approved' ORDER BY a.decided_at, a.approver) AS approved_by";
    private static final String SELECT = "SELECT *, " + APPROVED_BY + " FROM publications ";
    // updated_at on the database's clock, like the run_at the engine sets in the same transaction
    private static final String SAVE = "UPDATE publications SET version_tag = $2, state = $3, attempts = $4, polls = $5, "
            + "failure_reason = $6, submitted_at = $7, activated_at = $8, finished_at = $9, conflicts = $10, "
            + "updated_at = now() WHERE id = $1 RETURNING *, " + APPROVED_BY;
    private static final String FAIL = "UPDATE publications SET state = 'FAILED', failure_reason = $2, "
            + "finished_at = now(), updated_at = now() WHERE id = $1 RETURNING *";

    private static final int WIDGET_LOCK_CLASS = 0x7075626c; // "publ"
    private static final String DUPLICATE = "SELECT * FROM publications WHERE widget_id = $1 AND theme_id = $2 "
            + "AND theme_version = $3 AND requested_version_tag = $4 AND state IN ('PENDING_APPROVAL', 'SCHEDULED', "
            + "'QUEUED', 'SUBMITTED', 'ACTIVATING', 'ACTIVE') ORDER BY created_at DESC LIMIT 1";

    /** {@code traceParent}: the W3C traceparent of the request that queued it (jobs.JobTracing), or null. */
    Uni<Void> insert(SqlClient tx, PublicationJob task, String traceParent) {
        Publication.Request r = task.request();
        return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] { r.id(), r.widgetId(), r.themeId(),
                r.themeVersion(), r.contentHash(), task.progress().versionTag(), r.onConflict().name(), r.cxoneThemeId(),
                task.state().name(), r.rollbackOf(), r.requestedBy(), r.requestId(), utc(r.createdAt()),
                utc(r.deadlineAt()), traceParent, task.progress().approvalsRequired(),
                utc(task.progress().notBefore()) })).replaceWithVoid();
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
    Uni<Optional<Publication>> duplicate(SqlClient tx, PublicationJob task) {
        Publication.Request r = task.request();
        return tx.preparedQuery(DUPLICATE).execute(Tuple.of(r.widgetId(), r.themeId(), r.themeVersion(),
                task.progress().versionTag())).map(rows -> first(rows).map(PublicationJob::view));
    }

    Uni<Optional<PublicationJob>> find(SqlClient client, UUID id) {
        return client.preparedQuery(SELECT + "WHERE id = $1").execute(Tuple.of(id)).map(this::first);
    }

    Uni<List<Publication>> byWidget(SqlClient client, String widgetId, long offset, int limit) {
        return client.preparedQuery(SELECT + "WHERE widget_id = $1 ORDER BY created_at DESC, id "
                + "LIMIT $2 OFFSET $3").execute(Tuple.of(widgetId, limit, offset)).map(this::all);
    }

    Uni<Long> countByWidget(SqlClient client, String widgetId) {
        return client.preparedQuery("SELECT count(*) FROM publications WHERE widget_id = $1").execute(Tuple.of(widgetId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Writes the job's progress (behind the lease's fence, in the same transaction) and answers the row as stored. */
    Uni<PublicationJob> save(SqlClient tx, PublicationJob job) {
        Publication.Progress p = job.progress();
        return tx.preparedQuery(SAVE).execute(Tuple.from(new Object[] { job.id(), p.versionTag(), p.state().name(),
                p.attempts(), p.polls(), p.failureReason(), utc(p.submittedAt()), utc(p.activatedAt()),
                utc(p.finishedAt()), job.conflicts() })).map(rows -> map(rows.iterator().next()));
    }

    /**
     * FAILED with {@code reason}, from the id alone; answers the row as stored, unread: it may be one {@link #map}
     * cannot read.
     */
    Uni<Row> fail(SqlClient tx, UUID id, String reason) {
        return tx.preparedQuery(FAIL).execute(Tuple.of(id, reason)).map(rows -> rows.iterator().next());
    }

    private Optional<PublicationJob> first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Optional.of(map(rows.iterator().next())) : Optional.empty();
    }

    private List<Publication> all(RowSet<Row> rows) {
        return Rows.list(rows, r -> map(r).view());
    }

    static PublicationJob map(Row r) {
        Publication.Request request = Publication.Request.builder().id(r.getUUID("id")).widgetId(r.getString("widget_id"))
                .theme(r.getUUID("theme_id"), r.getInteger("theme_version"), r.getString("content_hash"))
                .onConflict(Publication.OnConflict.valueOf(r.getString("on_conflict")))
                .cxoneThemeId(r.getUUID("cxone_theme_id")).rollbackOf(r.getUUID("rollback_of"))
                .requestedBy(r.getString("requested_by")).requestId(r.getString("request_id"))
                .createdAt(instant(r, "created_at")).deadlineAt(instant(r, "deadline_at")).build();
        Publication.Progress progress = Publication.Progress.builder()
                .state(Publication.State.valueOf(r.getString("state"))).versionTag(r.getString("version_tag"))
                .attempts(r.getInteger("attempts")).polls(r.getInteger("polls"))
                .failureReason(r.getString("failure_reason")).lastError(lastError(r))
                .submittedAt(instant(r, "submitted_at")).activatedAt(instant(r, "activated_at"))
                .finishedAt(instant(r, "finished_at")).updatedAt(instant(r, "updated_at"))
                .approvalsRequired(r.getInteger("approvals_required")).approvedBy(approvedBy(r))
                .notBefore(instant(r, "not_before")).runAt("SCHEDULED".equals(r.getString("state"))
                        ? instant(r, "run_at") : null).build();
        return new PublicationJob(new Publication(request, progress), r.getString("requested_version_tag"),
                r.getInteger("conflicts"));
    }

    /** A claimed row (the engine's RETURNING *) has no approved_by: the job's steps never need it. */
    private static List<String> approvedBy(Row r) {
        if (r.getColumnIndex("approved_by") < 0) {
            return List.of();
        }
        String[] names = r.getArrayOfStrings("approved_by");
        return names == null ? List.of() : List.of(names);
    }

    /**
     * Why the job's last attempt failed while it is retried (the engine's record, cleared when a step succeeds); rows
     * from before the engine kept it have their own {@code last_error}.
     */
    private static String lastError(Row r) {
        String engine = r.getString("last_failure");
        return engine != null ? engine : r.getString("last_error");
    }

}
