package io.cxone.themes.publish;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.db.Rows;
import io.cxone.themes.jobs.JobEngine;
import io.cxone.themes.jobs.Leases;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.problem.Problem;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What people's decisions (governance's approvals) do to a PENDING_APPROVAL publication: this package owns the
 * publications table, so every write of a decision is here. Each runs in the decision's transaction, on the row locked
 * by {@link #lockPending}; {@link #announce} tells streams, metrics and workers once it has committed.
 */
@ApplicationScoped
public class PublicationDecisions {
    private static final String LOCK = "SELECT *, " + PublicationRepository.APPROVED_BY + ", deadline_at <= now() AS "
            + "timed_out, lease_owner IS NOT NULL AND lease_until > now() AS claimed FROM publications WHERE id = $1 "
            + "FOR UPDATE";
    private static final String AWAITING = "FROM publications WHERE state = 'PENDING_APPROVAL' AND deadline_at > now() "
            + "AND requested_by <> $1 AND NOT EXISTS (SELECT 1 FROM publication_approvals a "
            + "WHERE a.publication_id = publications.id AND a.approver = $1)";

    private final Pool pool;
    private final PublicationRepository repository;
    private final PublicationEvents events;
    private final PublicationMetrics metrics;
    private final PublishConfig config;
    private final JobEngine jobs;

    PublicationDecisions(Pool pool, PublicationRepository repository, PublicationEvents events,
            PublicationMetrics metrics, PublishConfig config, JobEngine jobs) {
        this.pool = pool;
        this.repository = repository;
        this.events = events;
        this.metrics = metrics;
        this.config = config;
        this.jobs = jobs;
    }

    /**
     * The publication, locked for the rest of {@code tx}, if a decision may still be made on it: 404 when there is none,
     * 409 ({@code state}) when it is not PENDING_APPROVAL or its approval time ran out (its expiry may be under way).
     */
    public Uni<Publication> lockPending(SqlClient tx, UUID id) {
        return tx.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                throw PublicationService.notFound(id);
            }
            Row row = rows.iterator().next();
            Publication p = PublicationRepository.map(row).view();
            if (p.state() != Publication.State.PENDING_APPROVAL) {
                throw conflict(id, "is " + p.state() + ", not PENDING_APPROVAL: only a pending publication takes "
                        + "approvals or a rejection");
            }
            if (row.getBoolean("timed_out") || row.getBoolean("claimed")) {
                throw conflict(id, "waited for its approvals until " + p.request().deadlineAt() + " (the widget "
                        + "policy's approvalTtl) and is being EXPIRED; ask the requester to publish again");
            }
            return p;
        });
    }

    /**
     * It has all its approvals: QUEUED when {@code startAt} is not after {@code now}, else SCHEDULED until then. Its
     * deadline is set anew: ACTIVE within app.publish.deadline of its start.
     */
    public Uni<Publication> proceed(SqlClient tx, UUID id, Instant startAt, Instant now) {
        boolean later = startAt.isAfter(now);
        Instant start = later ? startAt : now;
        return tx.preparedQuery("UPDATE publications SET state = $2, deadline_at = $3, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, later ? "SCHEDULED" : "QUEUED", Rows.utc(start.plus(config.deadline()))))
                .chain(() -> Leases.dueAt(tx, PublicationKind.TABLE, id, start))
                .chain(() -> reread(tx, id));
    }

    /** Rejected by {@code approver}: REJECTED, terminal, the reason kept as its failure reason. */
    public Uni<Publication> reject(SqlClient tx, UUID id, String approver, String reason) {
        return tx.preparedQuery("UPDATE publications SET state = 'REJECTED', failure_reason = $2, finished_at = now(), "
                + "updated_at = now() WHERE id = $1").execute(Tuple.of(id, "rejected by " + approver + ": " + reason))
                .chain(() -> reread(tx, id));
    }

    /**
     * Withdrawn by its rollout's abort while it still waits for approvals or for its window: REJECTED (terminal, so no
     * later approval or window start activates it), {@code reason} kept as its failure reason. The UPDATE waits for an
     * approval holding the row ({@link #lockPending}) and skips a row a worker has claimed. Empty when it has moved on
     * (QUEUED or later, or claimed): the rollout's job then ends the rollout with the widget pinned to the control.
     */
    public Uni<java.util.Optional<Publication>> withdraw(SqlClient tx, UUID id, String reason) {
        return tx.preparedQuery("UPDATE publications SET state = 'REJECTED', failure_reason = $2, finished_at = now(), "
                + "updated_at = now() WHERE id = $1 AND state IN ('PENDING_APPROVAL', 'SCHEDULED') AND NOT "
                + "(lease_owner IS NOT NULL AND lease_until > now()) RETURNING id").execute(Tuple.of(id, reason))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(java.util.Optional.<Publication>empty())
                        : reread(tx, id).map(java.util.Optional::of));
    }

    /** The publication as {@code tx} sees it now (with an approval just recorded). */
    public Uni<Publication> reread(SqlClient tx, UUID id) {
        return repository.find(tx, id).map(found -> found.orElseThrow().view());
    }

    /** After the decision committed: progress streams and metrics hear of it, workers of a QUEUED one claim it now. */
    public void announce(Publication p) {
        events.publish(p);
        metrics.saved(p);
        if (p.state() == Publication.State.QUEUED) {
            jobs.wake(PublicationKind.TABLE);
        }
    }

    /** Pending publications {@code approver} may decide on (not their own, not approved by them yet), oldest first. */
    public Uni<Page<Publication>> awaiting(String approver, PageRequest request) {
        return pool.preparedQuery("SELECT *, " + PublicationRepository.APPROVED_BY + " " + AWAITING
                + " ORDER BY created_at, id LIMIT $2 OFFSET $3").execute(Tuple.of(approver, request.size(),
                        request.offset())).map(rows -> Rows.list(rows, r -> PublicationRepository.map(r).view()))
                .chain(items -> pool.preparedQuery("SELECT count(*) " + AWAITING).execute(Tuple.of(approver))
                        .map(rows -> Page.of(items, request, rows.iterator().next().getLong(0))));
    }

    private static ApiException conflict(UUID id, String why) {
        String message = "publication " + id + " " + why;
        return new ApiException(Problem.of(409, "Conflict", message).withErrors(java.util.List.of(
                new FieldError("id", ErrorCode.STATE, message))));
    }
}
