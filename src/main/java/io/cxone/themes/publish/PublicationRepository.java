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

/** SQL for publications and their job leases; every job write is fenced by the lease owner. */
@ApplicationScoped
class PublicationRepository {
    private static final String UNFINISHED = "state IN ('QUEUED', 'SUBMITTED', 'ACTIVATING')";
    private static final String INSERT = "INSERT INTO publications (id, widget_id, theme_id, theme_version, content_hash, "
            + "version_tag, requested_version_tag, on_conflict, cxone_theme_id, state, rollback_of, requested_by, "
            + "request_id, created_at, deadline_at, next_run_at, updated_at, trace_parent) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $13, $13, $15)";
    // a due job nobody holds; SKIP LOCKED lets instances claim side by side without waiting for each other. Leases are
    // on the database's clock (DbClock); next_run_at is the job's own schedule, on the clock of the instance that set it
    private static final String CLAIM = "UPDATE publications SET lease_owner = $1, lease_until = " + DbClock.plusMillis("$2")
            + " WHERE id IN (SELECT id FROM publications WHERE " + UNFINISHED + " AND next_run_at <= $3 "
            + "AND (lease_until IS NULL OR lease_until < now()) ORDER BY next_run_at LIMIT $4 FOR UPDATE SKIP LOCKED) "
            + "RETURNING *";
    private static final String SAVE = "UPDATE publications SET version_tag = $3, state = $4, attempts = $5, polls = $6, "
            + "failure_reason = $7, submitted_at = $8, activated_at = $9, finished_at = $10, next_run_at = $11, "
            + "updated_at = $12, conflicts = $13, last_error = $14, "
            + "lease_until = CASE WHEN $15::bigint IS NULL THEN NULL ELSE " + DbClock.plusMillis("$15") + " END, "
            + "lease_owner = CASE WHEN $15::bigint IS NULL THEN NULL ELSE lease_owner END "
            + "WHERE id = $1 AND lease_owner = $2 RETURNING *";

    /** {@code traceParent}: the W3C traceparent of the request that queued it (jobs.JobTracing), or null. */
    Uni<Void> insert(SqlClient tx, Publication p, String traceParent) {
        return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] { p.id(), p.widgetId(), p.themeId(),
                p.themeVersion(), p.contentHash(), p.versionTag(), p.onConflict().name(), p.cxoneThemeId(),
                p.state().name(), p.rollbackOf(), p.requestedBy(), p.requestId(), utc(p.createdAt()),
                utc(p.deadlineAt()), traceParent })).replaceWithVoid();
    }

    Uni<String> traceParent(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT trace_parent FROM publications WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }

    Uni<Optional<Publication>> find(SqlClient client, UUID id) {
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

    /** Claims up to {@code limit} jobs due by {@code now}, unheld on the database's clock, for {@code lease} from now. */
    Uni<List<Publication>> claim(SqlClient client, String owner, Instant now, Duration lease, int limit) {
        return client.preparedQuery(CLAIM).execute(Tuple.of(owner, lease.toMillis(), utc(now), limit)).map(this::all);
    }

    /**
     * Writes the job's progress and holds its lease for {@code lease} from the database's now (null releases it); empty
     * when the lease is no longer ours (another instance took the job over).
     */
    Uni<Optional<Publication>> save(SqlClient tx, Publication p, String owner, Duration lease) {
        return tx.preparedQuery(SAVE).execute(Tuple.from(new Object[] { p.id(), owner, p.versionTag(), p.state().name(),
                p.attempts(), p.polls(), p.failureReason(), utc(p.submittedAt()), utc(p.activatedAt()),
                utc(p.finishedAt()), utc(p.nextRunAt()), utc(p.updatedAt()), p.conflicts(), p.lastError(),
                lease == null ? null : lease.toMillis() })).map(this::first);
    }

    /** Extends the leases of the jobs this instance is working on to {@code lease} from the database's now. */
    Uni<Integer> renew(SqlClient client, String owner, List<UUID> ids, Duration lease) {
        return client.preparedQuery("UPDATE publications SET lease_until = GREATEST(lease_until, " + DbClock.plusMillis("$2")
                + ") WHERE lease_owner = $1 AND id = ANY($3) AND " + UNFINISHED)
                .execute(Tuple.of(owner, lease.toMillis(), ids.toArray(UUID[]::new))).map(RowSet::rowCount);
    }

    /** On a graceful shutdown: the jobs become claimable at once instead of after the lease. */
    Uni<Integer> release(SqlClient client, String owner) {
        return client.preparedQuery("UPDATE publications SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1")
                .execute(Tuple.of(owner)).map(RowSet::rowCount);
    }

    private Optional<Publication> first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Optional.of(map(rows.iterator().next())) : Optional.empty();
    }

    private List<Publication> all(RowSet<Row> rows) {
        return Rows.list(rows, PublicationRepository::map);
    }

    private static Publication map(Row r) {
        return new Publication(r.getUUID("id"), r.getString("widget_id"), r.getUUID("theme_id"),
                r.getInteger("theme_version"), r.getString("content_hash"), r.getString("version_tag"),
                Publication.OnConflict.valueOf(r.getString("on_conflict")), r.getUUID("cxone_theme_id"),
                Publication.State.valueOf(r.getString("state")), r.getInteger("attempts"), r.getInteger("polls"),
                r.getString("failure_reason"), r.getUUID("rollback_of"), r.getString("requested_by"),
                r.getString("request_id"), instant(r, "created_at"), instant(r, "submitted_at"),
                instant(r, "activated_at"), instant(r, "finished_at"), instant(r, "deadline_at"),
                instant(r, "updated_at"), r.getString("last_error"), r.getString("requested_version_tag"),
                r.getInteger("conflicts"), instant(r, "next_run_at"), r.getString("lease_owner"),
                instant(r, "lease_until"));
    }

}
