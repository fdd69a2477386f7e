package io.cxone.themes.rollout;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.assignment.AssignmentRequest;
import io.cxone.themes.assignment.AssignmentRequest.VariantInput;
import io.cxone.themes.assignment.StoredAssignments;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.channels.ChannelService;
import io.cxone.themes.idempotency.Once;
import io.cxone.themes.jobs.JobEngine;
import io.cxone.themes.jobs.JobTracing;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.Problem;
import io.cxone.themes.publish.PublicationQueries;
import io.cxone.themes.publish.PublicationQueries.PublicationRef;
import io.cxone.themes.publish.PublicationDecisions;
import io.cxone.themes.publish.PublicationService;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Starts rollouts, takes the commands of people, and reads rollouts; the job ({@link RolloutKind}) does the rest. */
@ApplicationScoped
public class RolloutService implements io.cxone.themes.web.KnownId.Lookup {
    private final Pool pool;
    private final RolloutStore store;
    private final RolloutRecords records;
    private final PublicationQueries publications;
    private final PublicationService publishing;
    private final PublicationDecisions decisions;
    private final StoredAssignments assignments;
    private final ChannelService channels;
    private final AuditLog audit;
    private final JobEngine jobs;
    private final JobTracing tracing;
    private final RolloutMetrics metrics;

    RolloutService(Pool pool, RolloutStore store, RolloutRecords records, PublicationQueries publications,
            PublicationService publishing, PublicationDecisions decisions, StoredAssignments assignments, ChannelService channels, AuditLog audit,
            JobEngine jobs, JobTracing tracing, RolloutMetrics metrics) {
        this.pool = pool;
        this.store = store;
        this.records = records;
        this.publications = publications;
        this.publishing = publishing;
        this.decisions = decisions;
        this.assignments = assignments;
        this.channels = channels;
        this.audit = audit;
        this.jobs = jobs;
        this.tracing = tracing;
        this.metrics = metrics;
    }

    /**
     * The control is what the widget's visitors get: its most recently activated ACTIVE publication that is not the
     * variant of a rollout that did not end PROMOTED (a rolled-back variant stays ACTIVE, pinned to 0 % weight). The
     * rollouts table says which variants those are and the publish package answers for its own table
     * ({@link PublicationQueries}), rather than a join here, so that each table keeps one owner of its SQL. Before the variant is queued the widget is pinned to the
     * control (one variant at 100 %), so that the variant's activation reaches nobody until its first stage; then the
     * variant's publication and the rollout are stored together.
     */
    Uni<Rollout> start(String widgetId, RolloutRequest request, Caller caller, Once<Rollout> once) {
        String traceParent = tracing.currentTraceParent();
        return store.unpromotedVariants(pool, widgetId)
                .chain(notReaching -> publications.currentActive(pool, widgetId, notReaching)).chain(found -> {
            PublicationRef control = found.orElseThrow(() -> conflict("widget " + widgetId + " has no ACTIVE "
                    + "publication to compare the variant with (the variants of rollouts that were not promoted do not "
                    + "count: its visitors do not get them); publish a theme to it first (POST /api/v1/widgets/"
                    + widgetId + "/publications) and wait until it is ACTIVE, then start the rollout"));
            return requireNoLive(widgetId).chain(() -> requireWatches(request))
                    .chain(() -> assignments.put(widgetId, new AssignmentRequest(List.of(new VariantInput(
                            control.id().toString(), null, null, 1.0))), caller))
                    .chain(() -> once.withTransaction(pool, tx -> publishing.request(tx, widgetId,
                            io.cxone.themes.publish.PublishRequest.of(request.themeId(), request.version(), null), caller,
                            traceParent).chain(variant -> {
                                String state = variant.state().name();
                                Rollout r = new Rollout(UUID.randomUUID(), widgetId, request.themeId(),
                                        variant.request().themeVersion(), variant.id(), null, control.id(),
                                        control.cxoneThemeId(), request.stages(), request.holdSeconds(), request.gates(),
                                        state.equals(Rollout.PENDING_APPROVAL) || state.equals(Rollout.SCHEDULED) ? state
                                                : Rollout.RUNNING,
                                        null, null, 0, null, null, null, null, caller.actor(), null, null, null,
                                        caller.requestId());
                                return store.insert(tx, r, traceParent).chain(() -> store.find(tx, r.id()))
                                        .map(java.util.Optional::orElseThrow)
                                        .call(stored -> audit.append(tx, caller, records.entry("rollout.requested", stored)));
                            })))
                    .invoke(r -> {
                        metrics.started().increment();
                        publishing.wake();
                        jobs.wake(RolloutKind.TABLE);
                    });
        });
    }

    private Uni<Void> requireNoLive(String widgetId) {
        return store.live(pool, widgetId).invoke(live -> live.ifPresent(r -> {
            throw conflict("widget " + widgetId + " has a rollout under way already (" + r.id() + ", " + r.state()
                    + "); follow it at /api/v1/rollouts/" + r.id() + ", or abort it (POST /api/v1/rollouts/" + r.id()
                    + "/abort) before starting another");
        })).replaceWithVoid();
    }

    private Uni<Void> requireWatches(RolloutRequest request) {
        if (!request.gates().liveChannelPassing()) {
            return Uni.createFrom().voidItem();
        }
        return channels.verdictsOfTheme(request.themeId()).invoke(verdicts -> {
            if (verdicts.isEmpty()) {
                throw ApiException.badRequest("gates.liveChannelPassing", ErrorCode.NOT_FOUND, "no live channel watch is "
                        + "linked to theme " + request.themeId() + "; create one with its themeId (POST "
                        + "/api/v1/channels/watches) or set liveChannelPassing to false");
            }
        }).replaceWithVoid();
    }

    /**
     * A person's command, stored for the job, which carries it out within a tick ({@code app.rollouts.tick}). Refused
     * (409) when it makes no sense in the rollout's state.
     */
    Uni<Rollout> command(UUID id, Command command, Caller caller) {
        return pool.withTransaction(tx -> store.find(tx, id).chain(found -> {
            Rollout r = found.orElseThrow(() -> notFound(id));
            String refusal = refusal(r, command);
            if (refusal != null) {
                throw conflict(refusal);
            }
            return store.command(tx, id, command, caller.actor()).map(updated -> updated.orElseThrow(
                    () -> conflict("rollout " + id + " has just ended; GET /api/v1/rollouts/" + id + " shows how")))
                    .call(updated -> audit.append(tx, caller, records.entry("rollout." + command.name() + "_requested",
                            updated)))
                    .call(updated -> command == Command.abort ? withdrawVariant(tx, updated, caller)
                            : Uni.createFrom().voidItem());
        })).invoke(r -> jobs.wake(RolloutKind.TABLE));
    }

    /**
     * An abort before the first stage withdraws the variant's publication in the abort's own transaction: otherwise an
     * approval (or its window start) between the abort and the job's next tick would still activate it in CXone.
     */
    private Uni<Void> withdrawVariant(io.vertx.mutiny.sqlclient.SqlClient tx, Rollout r, Caller caller) {
        if (r.stage() != null) { // its variant is live already: the job moves the split back to the control
            return Uni.createFrom().voidItem();
        }
        String reason = "rollout " + r.id() + " aborted by " + caller.actor() + "; its variant was withdrawn";
        return decisions.withdraw(tx, r.publicationId(), reason).call(withdrawn -> withdrawn.isEmpty()
                ? Uni.createFrom().voidItem()
                : audit.append(tx, caller, records.withdrawn(r, withdrawn.get()))
                        .invoke(() -> io.cxone.themes.db.AfterCommit.run(tx, () -> decisions.announce(withdrawn.get()))))
                .replaceWithVoid();
    }

    static String refusal(Rollout r, Command c) {
        if (!r.live()) {
            return "rollout " + r.id() + " is " + r.state() + ", over; nothing to " + c.name();
        }
        return switch (c) {
            case pause -> r.stage() == null ? "rollout " + r.id() + " is still publishing its variant ("
                    + r.state() + "); pause once its first stage runs, or abort it"
                    : Rollout.RUNNING.equals(r.state()) ? null : "rollout " + r.id() + " is " + r.state()
                            + ", not RUNNING; only a running rollout pauses";
            case resume -> Rollout.PAUSED.equals(r.state()) || Rollout.STALLED.equals(r.state()) ? null
                    : "rollout " + r.id() + " is " + r.state() + "; only a PAUSED or STALLED rollout resumes";
            case promote -> r.stage() == null ? "rollout " + r.id() + " is still publishing its variant ("
                    + r.state() + "); promote once its first stage runs" : null;
            case abort -> null;
        };
    }

    @Override
    public Uni<Void> requireExisting(UUID id) {
        return get(id).replaceWithVoid();
    }

    public Uni<Rollout> get(UUID id) {
        return store.find(pool, id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    Uni<Page<Rollout>> list(String widgetId, PageRequest page) {
        return store.byWidget(pool, widgetId, page.offset(), page.size())
                .chain(items -> store.countByWidget(pool, widgetId).map(total -> Page.of(items, page, total)));
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("no rollout " + id + "; GET /api/v1/widgets/{widgetId}/rollouts lists a widget's "
                + "rollouts");
    }

    private static ApiException conflict(String detail) {
        return new ApiException(Problem.of(409, "Conflict", detail));
    }
}
