package io.cxone.themes.sync;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.idempotency.Once;
import io.cxone.themes.jobs.JobEngine;
import io.cxone.themes.jobs.JobTracing;
import io.cxone.themes.jobs.JobSignals;
import io.cxone.themes.jobs.ProgressStream;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.web.KnownId;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.smallrye.mutiny.Multi;
import io.cxone.themes.web.Params;
import io.cxone.themes.publish.PublicationQueries;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/** Creates durable sync jobs (checked, stored with their items and audited in one transaction) and reads progress. */
@ApplicationScoped
public class SyncJobService implements KnownId.Lookup {
    private final Pool pool;
    private final SyncJobRepository jobs;
    private final SyncJobQueries queries;
    private final PublicationQueries publications;
    private final AuditLog audit;
    private final JobEngine engine;
    private final SyncSettings settings;
    private final ObjectMapper mapper;
    private final JobTracing tracing;
    private final ProgressStream<SyncJobView> progress;

    SyncJobService(Pool pool, SyncJobRepository jobs, SyncJobQueries queries, PublicationQueries publications,
            AuditLog audit, JobEngine engine, SyncSettings settings, ObjectMapper mapper, JobTracing tracing,
            Vertx vertx, JobSignals signals) {
        this.tracing = tracing;
        this.progress = new ProgressStream<>(vertx, signals, SyncKind.TABLE,
                signals.streamRecheck(settings.eventInterval(), "app.sync.event-interval"), SyncJobView::terminal,
                (last, next) -> true);
        this.pool = pool;
        this.jobs = jobs;
        this.queries = queries;
        this.publications = publications;
        this.audit = audit;
        this.engine = engine;
        this.settings = settings;
        this.mapper = mapper;
    }

    public Uni<SyncJobView> create(SyncJobRequest request, Caller caller, Once<SyncJobView> once) {
        if (request == null) {
            throw ApiException.badRequest("body", ErrorCode.REQUIRED, "send {publicationId, widgetIds, overrideExisting}");
        }
        UUID publicationId = publicationId(request.publicationId());
        List<String> widgetIds = WidgetIdList.check(request.widgetIds(), settings.maxWidgets());
        boolean override = Boolean.TRUE.equals(request.overrideExisting());
        UUID id = UUID.randomUUID();
        String traceParent = tracing.currentTraceParent(); // read on the request's own context
        return once.withTransaction(pool, tx -> publications.find(tx, Set.of(publicationId)).chain(found -> {
            var p = found.get(publicationId);
            if (p == null || !p.active()) {
                throw ApiException.badRequest("publicationId", p == null ? ErrorCode.NOT_FOUND : ErrorCode.STATE, p == null
                        ? "no publication " + publicationId + "; publish the theme first"
                        : "publication " + publicationId + " is " + p.state() + ", not ACTIVE: a sync rolls out the "
                                + "CXone theme an ACTIVE publication made live; wait for it or choose another");
            }
            var details = mapper.createObjectNode().put("total", widgetIds.size())
                    .put("requested", request.widgetIds().size()).put("overrideExisting", override)
                    .put("targetThemeId", p.cxoneThemeId().toString()).put("batchSize", settings.batchSize());
            return jobs.insert(tx, id, publicationId, p.cxoneThemeId(), override, settings.batchSize(), widgetIds,
                    caller.actor(), caller.requestId(), traceParent)
                    .chain(() -> audit.append(tx, caller, new AuditEntry("sync.created", AuditEntry.SUCCESS, null, null,
                            publicationId.toString(), id.toString(), details)))
                    // read in the creating transaction: the 202 shows the job as created (QUEUED), even when an
                    // instance claims it the moment it commits
                    .chain(() -> queries.view(tx, id)).map(view -> view.orElseThrow());
        })).invoke(() -> engine.wake(SyncKind.TABLE));
    }

    /** Progress as each batch is recorded (the counts move on whichever instance runs the job), ending when it ends. */
    public Multi<SyncJobView> events(UUID id) {
        return progress.stream(id, () -> queries.view(pool, id));
    }

    public Uni<SyncJobView> get(UUID id) {
        return queries.view(pool, id).map(found -> found.orElseThrow(() -> ApiException.notFound(
                "no sync job " + id + "; POST /api/v1/sync-jobs creates one")));
    }

    @Override
    public Uni<Void> requireExisting(UUID id) {
        return get(id).replaceWithVoid();
    }

    public Uni<Page<SyncItem>> items(UUID id, String status, PageRequest page) {
        if (status != null && !SyncStates.ITEM_STATES.contains(status)) {
            throw ApiException.badRequest("status", ErrorCode.ENUM, "must be one of PENDING, SYNCED, SKIPPED, FAILED");
        }
        return get(id).chain(job -> queries.items(pool, id, status, page));
    }

    private static UUID publicationId(String value) {
        if (value == null) {
            throw ApiException.badRequest("publicationId", ErrorCode.REQUIRED, "is required: the ACTIVE publication whose "
                    + "CXone theme the widgets should get");
        }
        return Params.uuid("publicationId", value, "a publication id (a UUID)");
    }
}
