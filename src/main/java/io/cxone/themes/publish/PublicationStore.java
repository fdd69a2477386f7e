package io.cxone.themes.publish;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.db.AfterCommit;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.jobs.Next;
import io.cxone.themes.jobs.ThisInstance;
import io.cxone.themes.publish.PublicationSteps.Event;
import io.cxone.themes.publish.PublicationSteps.Outcome;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Stores a publication job's changes: each behind its lease's fence, with its audit event in the same transaction; a
 * step's outcome also ends the step with the engine's lifecycle operation (the job ended, or its next step is held
 * here). Progress streams and metrics hear of a change once it is committed.
 */
@ApplicationScoped
class PublicationStore {
    private final Pool pool;
    private final PublicationRepository repository;
    private final AuditLog audit;
    private final PublicationEvents events;
    private final PublicationMetrics metrics;
    private final ObjectMapper mapper;
    private final ThisInstance instance;

    PublicationStore(Pool pool, PublicationRepository repository, AuditLog audit, PublicationEvents events,
            PublicationMetrics metrics, ObjectMapper mapper, ThisInstance instance) {
        this.pool = pool;
        this.repository = repository;
        this.audit = audit;
        this.events = events;
        this.metrics = metrics;
        this.mapper = mapper;
        this.instance = instance;
    }

    /** A write in the middle of a step (a submit on record before CXone hears of it); the step goes on. */
    Uni<PublicationJob> save(Lease lease, PublicationJob job) {
        return pool.withTransaction(tx -> lease.fence(tx).chain(() -> repository.save(tx, job)))
                .invoke(this::published);
    }

    /** A step's outcome, stored with its audit event: the job ended (ACTIVE or FAILED), or waits here for its next step. */
    Uni<Next<PublicationJob>> record(Lease lease, Outcome outcome) {
        return pool.withTransaction(tx -> lease.fence(tx).chain(() -> repository.save(tx, outcome.job()))
                .call(saved -> outcome.event() == null ? Uni.createFrom().voidItem()
                        : audit.append(tx, Caller.system(saved.request().requestId()), entry(saved, outcome, lease.owner())))
                .map(PublicationJob::stepSucceeded)
                .chain(saved -> end(tx, lease, saved, outcome).map(next -> new Stored(saved, next))))
                .invoke(stored -> published(stored.job())).map(Stored::next);
    }

    /**
     * Claimed before it was due by our clock (the database's ran ahead): released, due again when it is, with nothing
     * else written. Released rather than held, so that an approval meanwhile finds the row free.
     */
    Uni<Next<PublicationJob>> waitFor(Lease lease, java.time.Duration remaining) {
        return pool.withTransaction(tx -> lease.fence(tx).chain(() -> lease.<PublicationJob>handBack(tx, remaining)));
    }

    private record Stored(PublicationJob job, Next<PublicationJob> next) {
    }

    private static Uni<Next<PublicationJob>> end(SqlClient tx, Lease lease, PublicationJob saved, Outcome outcome) {
        return saved.state().terminal() ? lease.complete(tx) : lease.holdFor(tx, saved, outcome.delay());
    }

    /**
     * FAILED with {@code reason} in {@code tx} (the engine gave up: attempts used up, or a row {@code claimed} cannot
     * read), with the audit event a failed publication writes. Only the id is known, so everything is read from the
     * row as raw values; the stream hears of it if the row can be read as a publication, the metric always.
     */
    Uni<Void> giveUp(SqlClient tx, UUID id, String reason) {
        return repository.fail(tx, id, reason).call(row -> audit.append(tx, Caller.system(row.getString("request_id")),
                new AuditEntry(Event.FAILED.action, Event.FAILED.outcome, text(row, "theme_id"), text(row, "widget_id"),
                        id.toString(), null, details(row).put("reason", reason).put("attempts", row.getInteger("attempts"))
                                .put("polls", row.getInteger("polls")))))
                .invoke(row -> AfterCommit.run(tx, () -> {
                    metrics.failed();
                    readable(row).ifPresent(this::published);
                })).replaceWithVoid();
    }

    private void published(PublicationJob job) {
        events.publish(job.view());
        metrics.saved(job.view());
    }

    private AuditEntry entry(PublicationJob job, Outcome outcome, String owner) {
        Publication.Request r = job.request();
        ObjectNode details = details(r.requestedBy(), owner, job.progress().versionTag(), r.themeVersion(),
                r.cxoneThemeId().toString());
        details.setAll(mapper.<ObjectNode>valueToTree(outcome.facts()));
        return new AuditEntry(outcome.event().action, outcome.event().outcome, r.themeId().toString(), r.widgetId(),
                r.id().toString(), null, details);
    }

    private ObjectNode details(Row row) {
        return details(row.getString("requested_by"), instance.owner(), row.getString("version_tag"),
                row.getInteger("theme_version"), text(row, "cxone_theme_id"));
    }

    /** What every event of a job's change says: who asked, which instance did it (several may share the database), what was sent. */
    private ObjectNode details(String requestedBy, String owner, String versionTag, int version, String cxoneThemeId) {
        return mapper.createObjectNode().put("requestedBy", requestedBy).put("instance", owner)
                .put("versionTag", versionTag).put("version", version).put("cxoneThemeId", cxoneThemeId);
    }

    private static String text(Row row, String column) {
        Object value = row.getValue(column);
        return value == null ? null : value.toString();
    }

    private static Optional<PublicationJob> readable(Row row) {
        try {
            return Optional.of(PublicationRepository.map(row));
        } catch (RuntimeException e) {
            return Optional.empty(); // a poison row: its stream re-reads it (and fails as it would anyway)
        }
    }

}
