package io.cxone.themes.publish;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.accessibility.Level;
import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.governance.Admission;
import io.cxone.themes.governance.Policies;
import io.cxone.themes.governance.Policy;
import io.cxone.themes.idempotency.Once;
import io.cxone.themes.jobs.Leases;
import io.cxone.themes.jobs.JobEngine;
import io.cxone.themes.jobs.JobTracing;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.web.KnownId;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.cxone.themes.problem.Problem;
import io.cxone.themes.theme.ThemeValidator;
import io.cxone.themes.theme.ValidationReport;
import io.cxone.themes.theme.draft.ThemeVersions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Accepts publications and rollbacks: checks the version, stores the job and its audit event together, wakes the engine. */
@ApplicationScoped
public class PublicationService implements KnownId.Lookup {
    private static final DateTimeFormatter TAG_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final Pool pool;
    private final PublicationRepository repository;
    private final ThemeVersions versions;
    private final ThemeValidator validator;
    private final AuditLog audit;
    private final JobEngine jobs;
    private final PublishConfig config;
    private final ObjectMapper mapper;
    private final JobTracing tracing;
    private final Policies policies;

    PublicationService(Pool pool, PublicationRepository repository, ThemeVersions versions, ThemeValidator validator,
            AuditLog audit, JobEngine jobs, PublishConfig config, ObjectMapper mapper, JobTracing tracing,
            Policies policies) {
        this.tracing = tracing;
        this.policies = policies;
        this.pool = pool;
        this.repository = repository;
        this.versions = versions;
        this.validator = validator;
        this.audit = audit;
        this.jobs = jobs;
        this.config = config;
        this.mapper = mapper;
    }

    /**
     * Queues a publication. Without an Idempotency-Key a retried request is caught too, when it would only duplicate:
     * a publication of the same theme version with the same requested tag that is queued, under way or ACTIVE on the
     * widget answers 409 naming it (CXone would refuse the tag, or a suffix would put the same theme live twice).
     */
    public Uni<Publication> request(String widgetId, PublishRequest request, Caller caller, Once<Publication> once) {
        String traceParent = tracing.currentTraceParent(); // read on the request's own context, before any callback
        return once.withTransaction(pool, tx -> request(tx, widgetId, request, caller, traceParent))
                .invoke(p -> jobs.wake(PublicationKind.TABLE));
    }

    /**
     * The policy path of every publication, for callers with a transaction of their own (a canary rollout's job): the
     * publication is created in {@code tx} as the widget's policy admits it — PENDING_APPROVAL, SCHEDULED or QUEUED —
     * with its audit event. After {@code tx} commits, call {@link #wake()} so that a QUEUED one starts at once.
     * Throws {@link ApiException} (400 unknown theme or version, 409 duplicate) as {@code POST .../publications} does.
     */
    public Uni<Publication> request(SqlClient tx, String widgetId, PublishRequest request, Caller caller,
            String traceParent) {
        return versions.find(tx, request.themeId(), request.version()).chain(found -> {
            ThemeVersions.Found theme = found.orElseThrow(() -> ApiException.badRequest("themeId", ErrorCode.NOT_FOUND,
                    "no theme " + request.themeId() + "; GET /api/v1/themes lists the drafts"));
            if (theme.deleted() && request.version() == null) {
                throw ApiException.badRequest("themeId", ErrorCode.DELETED, "theme " + request.themeId()
                        + " was deleted; name a version from GET /api/v1/themes/" + request.themeId() + "/versions");
            }
            ThemeVersions.Version version = theme.version().orElseThrow(() -> ApiException.badRequest("version",
                    ErrorCode.NOT_FOUND, "theme " + request.themeId() + " has no version " + request.version() + " (its current "
                            + "version is " + theme.currentVersion() + ")"));
            // one writer per widget at a time, so that two concurrent duplicates cannot both pass the check
            return repository.lockWidget(tx, widgetId).chain(() -> policies.forWidget(tx, widgetId)).chain(policy -> {
                PublicationJob p = newPublication(widgetId, request.themeId(), version, request.versionTag(),
                        request.onConflict(), null, caller, policy, request.notBefore());
                return repository.duplicate(tx, p).chain(duplicate -> {
                    if (duplicate.isPresent()) {
                        throw duplicate(p.view(), duplicate.get());
                    }
                    return insert(tx, p, traceParent).chain(() -> audit.append(tx, caller,
                            entry("publication.requested", p.view(), details(p.view())))).replaceWith(p.view());
                });
            });
        });
    }

    /** Wakes this and every instance's publication workers: a QUEUED publication committed just now starts at once. */
    public void wake() {
        jobs.wake(PublicationKind.TABLE);
    }

    /** Stores a new publication; one that waits (for approvals, for its start) is due only when its wait ends. */
    private Uni<Void> insert(SqlClient tx, PublicationJob p, String traceParent) {
        Uni<Void> stored = repository.insert(tx, p, traceParent);
        return switch (p.state()) {
            case PENDING_APPROVAL -> stored.chain(() -> Leases.dueAt(tx, PublicationKind.TABLE, p.id(),
                    p.request().deadlineAt()));
            case SCHEDULED -> stored.chain(() -> Leases.dueAt(tx, PublicationKind.TABLE, p.id(), p.progress().runAt()));
            default -> stored;
        };
    }

    private static ApiException duplicate(Publication wanted, Publication existing) {
        Publication.Request r = existing.request();
        String message = "publication " + r.id() + " (" + existing.progress().state() + ") already publishes version "
                + r.themeVersion() + " of theme " + r.themeId() + " with version tag '"
                + existing.progress().versionTag() + "' to widget " + r.widgetId() + "; follow it at "
                + "/api/v1/publications/" + r.id() + ", or to publish it once more choose another versionTag or roll "
                + "back (POST /api/v1/widgets/" + r.widgetId() + "/rollback)";
        return new ApiException(Problem.of(409, "Conflict", message).withErrors(List.of(
                new FieldError("versionTag", ErrorCode.DUPLICATE, "'"
                        + wanted.progress().versionTag() + "' is being or was published already by publication "
                        + r.id()))));
    }

    /** Republishes the version an earlier ACTIVE publication of this widget used, as a new publication. */
    public Uni<Publication> rollback(String widgetId, UUID toPublicationId, Instant notBefore, Caller caller,
            Once<Publication> once) {
        String traceParent = tracing.currentTraceParent();
        return once.withTransaction(pool, tx -> repository.find(tx, toPublicationId).chain(found -> {
            Publication old = found.map(PublicationJob::view).filter(o -> o.request().widgetId().equals(widgetId))
                    .orElseThrow(() -> ApiException.badRequest("toPublicationId", ErrorCode.NOT_FOUND, "widget " + widgetId
                            + " has no publication " + toPublicationId + "; GET /api/v1/widgets/" + widgetId
                            + "/publications lists them"));
            if (old.progress().activatedAt() == null) {
                throw ApiException.badRequest("toPublicationId", ErrorCode.STATE, "publication " + toPublicationId
                        + " never became ACTIVE (it is " + old.progress().state() + "); roll back to one that did");
            }
            return versions.find(tx, old.request().themeId(), old.request().themeVersion()).chain(theme -> policies
                    .forWidget(tx, widgetId).chain(policy -> {
                ThemeVersions.Version version = theme.flatMap(ThemeVersions.Found::version).orElseThrow();
                // a fresh generated tag may meet another in the same second: a rollback should not fail over that
                PublicationJob p = newPublication(widgetId, old.request().themeId(), version, null,
                        Publication.OnConflict.suffix, old.request().id(), caller, policy, notBefore);
                ObjectNode details = details(p.view()).put("rollbackOf", old.request().id().toString())
                        .put("rollbackOfVersionTag", old.progress().versionTag());
                return insert(tx, p, traceParent)
                        .chain(() -> audit.append(tx, caller, entry("publication.rollback", p.view(), details)))
                        .replaceWith(p.view());
            }));
        })).invoke(p -> jobs.wake(PublicationKind.TABLE));
    }

    public Uni<Publication> get(UUID id) {
        return repository.find(pool, id).map(found -> found.map(PublicationJob::view).orElseThrow(() -> notFound(id)));
    }

    @Override
    public Uni<Void> requireExisting(UUID id) {
        return get(id).replaceWithVoid();
    }

    public Uni<Page<Publication>> history(String widgetId, PageRequest request) {
        SqlClient client = pool;
        return repository.byWidget(client, widgetId, request.offset(), request.size()).chain(items -> repository
                .countByWidget(client, widgetId)
                .map(total -> Page.of(items, request, total)));
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("no publication " + id + "; GET /api/v1/widgets/{widgetId}/publications lists them");
    }

    private PublicationJob newPublication(String widgetId, UUID themeId, ThemeVersions.Version version, String tag,
            Publication.OnConflict onConflict, UUID rollbackOf, Caller caller, Policy policy, Instant notBefore) {
        ValidationReport report = validator.validate(version.content(), Level.AA);
        if (!report.valid()) { // drafts are checked on save, but the rules may have changed since: never send it
            throw new ApiException(Problem.of(400, "Bad Request", "version " + version.number() + " of theme " + themeId
                    + " is invalid under the current rules; save a corrected version and publish that")
                    .withErrors(report.errors()).withReport(report));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String versionTag = tag != null ? tag : "v" + version.number() + "-" + TAG_TIME.format(now);
        Admission admission = Admission.of(policy, now, notBefore);
        Publication.State state = admission.needsApproval() ? Publication.State.PENDING_APPROVAL
                : admission.scheduled(now) ? Publication.State.SCHEDULED : Publication.State.QUEUED;
        // pending: the deadline is the approvals'; otherwise ACTIVE within app.publish.deadline of its start
        Instant deadline = admission.needsApproval() ? admission.approvalDeadline()
                : admission.activeBy(config.deadline());
        Publication.Request request = Publication.Request.builder().id(UUID.randomUUID()).widgetId(widgetId)
                .theme(themeId, version.number(), version.contentHash()).onConflict(onConflict)
                .cxoneThemeId(UUID.randomUUID()).rollbackOf(rollbackOf).requestedBy(caller.actor())
                .requestId(caller.requestId()).createdAt(now).deadlineAt(deadline).build();
        Instant storedNotBefore = notBefore == null ? null : notBefore.truncatedTo(ChronoUnit.MICROS);
        return PublicationJob.created(request, versionTag, now, state, admission.approvals(), storedNotBefore,
                admission.startAt().truncatedTo(ChronoUnit.MICROS));
    }

    private ObjectNode details(Publication p) {
        Publication.Request r = p.request();
        ObjectNode details = mapper.createObjectNode().put("version", r.themeVersion()).put("contentHash", r.contentHash())
                .put("versionTag", p.progress().versionTag()).put("onConflict", r.onConflict().name())
                .put("cxoneThemeId", r.cxoneThemeId().toString()).put("state", p.state().name())
                .put("approvalsRequired", p.progress().approvalsRequired());
        if (p.progress().notBefore() != null) {
            details.put("notBefore", p.progress().notBefore().toString());
        }
        if (p.progress().runAt() != null) {
            details.put("runAt", p.progress().runAt().toString());
        }
        return details;
    }

    static AuditEntry entry(String action, Publication p, ObjectNode details) {
        return new AuditEntry(action, AuditEntry.SUCCESS, p.request().themeId().toString(), p.request().widgetId(),
                p.request().id().toString(), null, details);
    }
}
