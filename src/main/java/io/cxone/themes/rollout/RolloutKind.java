package io.cxone.themes.rollout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.assignment.AssignmentRequest;
import io.cxone.themes.assignment.AssignmentRequest.VariantInput;
import io.cxone.themes.assignment.StoredAssignments;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.channels.ChannelService;
import io.cxone.themes.cxone.CxoneClient;
import io.cxone.themes.cxone.WireDtos.ThemePerformance;
import io.cxone.themes.jobs.JobKind;
import io.cxone.themes.jobs.JobTable;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.jobs.Next;
import io.cxone.themes.publish.PublicationQueries;
import io.cxone.themes.publish.PublicationQueries.PublicationRef;
import io.cxone.themes.rollout.GateReading.Figures;
import io.cxone.themes.rollout.RolloutSteps.Action;
import io.cxone.themes.rollout.RolloutSteps.Drop;
import io.cxone.themes.rollout.RolloutSteps.End;
import io.cxone.themes.rollout.RolloutSteps.Enter;
import io.cxone.themes.rollout.RolloutSteps.Extend;
import io.cxone.themes.rollout.RolloutSteps.Pause;
import io.cxone.themes.rollout.RolloutSteps.ReadGate;
import io.cxone.themes.rollout.RolloutSteps.Wait;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Canary rollouts as jobs of the engine. A rollout is runnable while it waits for its variant's publication or runs
 * a stage, and while paused or stalled only when a person asked something of it. One unit: read the row and the
 * variant's publication under the lease → {@link RolloutSteps} decides → CXone first (the A/B split through the
 * assignment service, or the analytics of both sides) → one fenced transaction ({@link RolloutRecords}) that stores
 * the outcome and holds the job for the next tick, or completes it. A crash between the split and its record re-sends
 * the same split when the job resumes: the stage resumes where it was.
 */
@ApplicationScoped
class RolloutKind implements JobKind<UUID> {
    static final JobTable TABLE = new JobTable("rollouts", "rollout", "state IN ('PENDING_APPROVAL', 'SCHEDULED', "
            + "'RUNNING') OR (state IN ('PAUSED', 'STALLED') AND command IS NOT NULL)", "created_at", "")
            .withStateGauge("rollouts.state", Rollout.STATES);

    private final Pool pool;
    private final RolloutStore store;
    private final RolloutRecords records;
    private final PublicationQueries publications;
    private final StoredAssignments assignments;
    private final CxoneClient cxone;
    private final ChannelService channels;
    private final RolloutJobSettings jobSettings;
    private final RolloutSteps steps;
    private final java.time.Duration tick;

    RolloutKind(Pool pool, RolloutStore store, RolloutRecords records, PublicationQueries publications,
            StoredAssignments assignments, CxoneClient cxone, ChannelService channels, RolloutJobSettings jobSettings,
            RolloutSettings settings) {
        this.pool = pool;
        this.store = store;
        this.records = records;
        this.publications = publications;
        this.assignments = assignments;
        this.cxone = cxone;
        this.channels = channels;
        this.jobSettings = jobSettings;
        this.steps = new RolloutSteps(settings.tick(), settings.maxHoldExtensions());
        this.tick = settings.tick();
    }

    @Override
    public JobTable table() {
        return TABLE;
    }

    @Override
    public RolloutJobSettings settings() {
        return jobSettings;
    }

    /**
     * The id; the state is checked here so that a row in a state this service never writes (edited by hand) is given
     * up at once. The row is read whole by each unit (under the lease), so nothing else of the claimed row is kept.
     */
    @Override
    public UUID claimed(Row row) {
        String state = row.getString("state");
        if (!Rollout.STATES.contains(state)) {
            throw new IllegalStateException("state '" + state + "' is none of " + Rollout.STATES);
        }
        return row.getUUID("id");
    }

    /** What a unit read: the rollout, the database's now and the variant's publication. */
    private record Unit(Rollout rollout, Instant now, PublicationRef publication) {
        String publicationState() {
            return publication == null ? null : publication.state();
        }

        UUID variantTheme() {
            return rollout.variantCxoneThemeId() != null ? rollout.variantCxoneThemeId()
                    : publication == null ? null : publication.cxoneThemeId();
        }
    }

    @Override
    public Uni<Next<UUID>> run(UUID id, Lease lease) {
        return pool.withTransaction(tx -> lease.fence(tx).chain(() -> store.current(tx, id))
                .chain(c -> publications.find(tx, List.of(c.rollout().publicationId()))
                        .map(found -> new Unit(c.rollout(), c.now(), found.get(c.rollout().publicationId())))))
                .chain(unit -> act(unit, steps.decide(unit.rollout(), unit.now(), unit.publicationState()), lease));
    }

    private Uni<Next<UUID>> act(Unit unit, Action action, Lease lease) {
        Rollout r = unit.rollout();
        if (action instanceof Wait w) {
            return records.write(lease, tx -> store.waiting(tx, r.id(), w.state()), null,
                    (tx, after) -> lease.holdFor(tx, r.id(), w.after()));
        }
        if (action instanceof Enter e) {
            return split(r, e.percent()).chain(() -> records.write(lease,
                    tx -> store.entered(tx, r.id(), e.stage(), unit.variantTheme(), r.command() != null, e.passed()),
                    "rollout.stage", (tx, after) -> lease.holdFor(tx, r.id(), tick)));
        }
        if (action instanceof ReadGate) {
            return gate(unit).chain(next -> act(unit, next, lease));
        }
        if (action instanceof Extend x) {
            return records.write(lease, tx -> store.extended(tx, r.id(), x.reading()), "rollout.hold_extended",
                    (tx, after) -> lease.holdFor(tx, r.id(), tick));
        }
        if (action instanceof Pause) {
            return records.write(lease, tx -> store.paused(tx, r.id()), "rollout.paused", (tx, after) -> lease.complete(tx));
        }
        if (action instanceof Drop) {
            boolean waiting = Rollout.PAUSED.equals(r.state()) || Rollout.STALLED.equals(r.state());
            return records.write(lease, tx -> store.dropCommand(tx, r.id()), null,
                    (tx, after) -> waiting ? lease.complete(tx) : lease.holdFor(tx, r.id(), tick));
        }
        End end = (End) action;
        int percent = RolloutSteps.percent(end.weights(), r.variantPercent());
        Uni<Void> weights = end.weights() == RolloutSteps.Weights.UNCHANGED ? Uni.createFrom().voidItem()
                : split(r, percent);
        return weights.chain(() -> records.write(lease,
                tx -> store.ended(tx, r.id(), end.state(), end.outcome(), end.reading(), unit.variantTheme()),
                "rollout." + end.state().toLowerCase(java.util.Locale.ROOT), (tx, after) -> lease.complete(tx)));
    }

    /** Sets the widget's split through the assignment service (CXone first, then our record and its audit event). */
    private Uni<Void> split(Rollout r, int percent) {
        List<VariantInput> variants = RolloutSteps.split(r, percent).stream()
                .map(e -> new VariantInput(e.getKey().toString(), null, null, e.getValue())).toList();
        return assignments.put(r.widgetId(), new AssignmentRequest(variants), caller(r)).replaceWithVoid();
    }

    static Caller caller(Rollout r) {
        return new Caller("rollout:" + r.id(), r.requestId());
    }

    /** Both sides' analytics since the stage's split was set, and the linked watches when the gate asks for them. */
    private Uni<Action> gate(Unit unit) {
        Rollout r = unit.rollout();
        String since = r.stageStartedAt().toString();
        UUID variant = unit.variantTheme();
        Uni<Figures> control = figures(r, r.controlCxoneThemeId(), since);
        Uni<Figures> canary = figures(r, variant, since);
        Uni<List<String>> watches = r.gates().liveChannelPassing() ? channels.verdictsOfTheme(r.themeId())
                : Uni.createFrom().item(List.of());
        return Uni.combine().all().unis(control, canary, watches)
                .with((c, v, w) -> steps.gate(r, r.stageStartedAt(), c, v, w));
    }

    private Uni<Figures> figures(Rollout r, UUID theme, String since) {
        return cxone.themePerformance(r.widgetId(), theme.toString(), since)
                .map((ThemePerformance p) -> new Figures(theme.toString(), p.samples(), RolloutSteps.p95(p.p95())));
    }

    /** The engine gave up: FAILED with the reason; the split is left as it was (the reason says so). */
    @Override
    public Uni<Void> giveUp(SqlClient tx, UUID id, String reason) {
        return records.gaveUp(tx, id, reason + "; the widget's A/B split was left as it was: abort is no longer "
                + "possible, set it with PUT /api/v1/widgets/{widgetId}/assignments");
    }

    @Override
    public String spanName(UUID job) {
        return "rollout.step";
    }

}
