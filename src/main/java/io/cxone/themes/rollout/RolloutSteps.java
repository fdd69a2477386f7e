package io.cxone.themes.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cxone.themes.rollout.GateReading.Figures;

/**
 * What one unit of a rollout does, without I/O: from the row (re-read under the lease), the database's now and the
 * variant publication's state, the next {@link Action}; from a gate's figures, whether the variant goes on. The kind
 * carries the action out (weights through the assignment service, then one fenced transaction).
 */
final class RolloutSteps {
    /** The A/B split an action leaves the widget with. */
    enum Weights {
        /** Every visitor on the control: a rollback or an abort. */
        CONTROL,
        /** Every visitor on the variant: promoted, the split cleared. */
        VARIANT,
        /** As it is: nothing to send to CXone. */
        UNCHANGED
    }

    sealed interface Action {
    }

    /** Not yet: store {@code state} and look again after {@code after}. */
    record Wait(String state, Duration after) implements Action {
    }

    /**
     * Set the stage's split (variant {@code percent}, control the rest), then hold it from now; {@code passed} is the
     * gate the stage before passed (null on the first stage or a resume).
     */
    record Enter(int stage, int percent, GateReading passed) implements Action {
    }

    /** The stage's hold is over: read the analytics and the watches, then {@link #gate}. */
    record ReadGate() implements Action {
    }

    /** Too few samples: hold the stage once more (a gate reading kept). */
    record Extend(GateReading reading) implements Action {
    }

    /** A person paused it: the split stays, nothing runs until resume, promote or abort. */
    record Pause() implements Action {
    }

    /** A command with nothing to do now (it raced with a change of state): dropped; a waiting rollout waits on. */
    record Drop() implements Action {
    }

    /** The rollout ends in {@code state} (or, for STALLED, waits for a person) with the split {@code weights}. */
    record End(String state, Weights weights, String outcome, GateReading reading) implements Action {
    }

    /** Metric names of CXone's analytics by the gate that bounds them. */
    static final Map<String, String> METRICS = Map.of("themeLoadP95", "theme_load_time", "renderP95", "render_duration",
            "firstPaintP95", "first_paint");
    private static final List<String> GATE_ORDER = List.of("themeLoadP95", "renderP95", "firstPaintP95");

    private final Duration tick;
    private final int maxExtensions;

    /**
     * @param tick how often a running rollout looks at its commands and its publication (a hold is cut into ticks)
     * @param maxExtensions holds added to a stage for want of samples before it is STALLED
     */
    RolloutSteps(Duration tick, int maxExtensions) {
        this.tick = tick;
        this.maxExtensions = maxExtensions;
    }

    /**
     * The next action of {@code r} at the database's {@code now}; {@code publicationState} is the variant
     * publication's state (any state this service does not know yet counts as still waiting).
     */
    Action decide(Rollout r, Instant now, String publicationState) {
        if (r.command() != null) {
            Action asked = command(r, Command.of(r.command()).orElse(null), publicationState);
            return asked != null ? asked : new Drop();
        }
        if (Rollout.PAUSED.equals(r.state()) || Rollout.STALLED.equals(r.state())) {
            return new Drop(); // claimed without a command (it was dropped meanwhile): nothing to do until a person asks
        }
        if (r.stage() == null) {
            return switch (publicationState == null ? "" : publicationState) {
                case "ACTIVE" -> enter(r, 0);
                case "FAILED", "REJECTED", "EXPIRED" -> new End(Rollout.FAILED, Weights.UNCHANGED, "the variant's "
                        + "publication " + r.publicationId() + " ended " + publicationState + "; the widget stays on "
                        + "the control", null);
                case Rollout.PENDING_APPROVAL, Rollout.SCHEDULED -> new Wait(publicationState, tick);
                default -> new Wait(Rollout.RUNNING, tick);
            };
        }
        if (r.stageStartedAt() == null) {
            return enter(r, r.stage()); // resumed: the stage's split is set again and its hold starts afresh
        }
        Duration hold = Duration.ofSeconds((long) r.holdSeconds() * (1 + r.holdExtensions()));
        Duration left = hold.minus(Duration.between(r.stageStartedAt(), now));
        if (left.isNegative() || left.isZero()) {
            return new ReadGate();
        }
        return new Wait(Rollout.RUNNING, left.compareTo(tick) < 0 ? left : tick);
    }

    /** The command's action, or null when there is nothing to do for it now (it is then dropped by the kind). */
    private Action command(Rollout r, Command c, String publicationState) {
        if (c == null) {
            return null;
        }
        boolean variantLive = r.stage() != null || "ACTIVE".equals(publicationState);
        return switch (c) {
            case abort -> new End(Rollout.ABORTED, r.stage() == null ? Weights.UNCHANGED : Weights.CONTROL,
                    "aborted by " + r.commandBy() + "; the widget is back on the control", null);
            case promote -> variantLive ? new End(Rollout.PROMOTED, Weights.VARIANT, "promoted by " + r.commandBy()
                    + " at stage " + stageName(r), null) : null;
            case pause -> Rollout.PAUSED.equals(r.state()) ? null : new Pause();
            case resume -> r.stage() == null ? null : enter(r, r.stage());
        };
    }

    /** Entering stage {@code i}: the last (100 %) makes the variant the widget's theme. */
    static Action enter(Rollout r, int i) {
        return enter(r, i, null);
    }

    private static Action enter(Rollout r, int i, GateReading passed) {
        int percent = r.stages().get(i);
        if (percent >= 100) {
            return new End(Rollout.PROMOTED, Weights.VARIANT, "every stage passed its gate", passed);
        }
        return new Enter(i, percent, passed);
    }

    /** A gate's verdict on the stage's figures; {@code watches} are the linked watches' verdicts. */
    Action gate(Rollout r, Instant since, Figures control, Figures variant, List<String> watches) {
        Gates g = r.gates();
        int percent = r.stages().get(r.stage());
        List<String> shown = g.liveChannelPassing() ? watches : null;
        if (control.samples() < g.minSamples() || variant.samples() < g.minSamples()) {
            String reason = "too few samples: control " + control.samples() + ", variant " + variant.samples()
                    + ", at least " + g.minSamples() + " each";
            GateReading reading = new GateReading(r.stage(), percent, since.toString(), control, variant, shown,
                    "minSamples", reason);
            if (r.holdExtensions() < maxExtensions) {
                return new Extend(reading);
            }
            return new End(Rollout.STALLED, Weights.UNCHANGED, reason + " after " + (1 + r.holdExtensions())
                    + " holds; the split stays: promote, resume (another round of holds) or abort", reading);
        }
        for (String gate : GATE_ORDER) {
            String metric = METRICS.get(gate);
            Long c = control.p95() == null ? null : control.p95().get(metric);
            Long v = variant.p95() == null ? null : variant.p95().get(metric);
            double factor = factor(g, gate);
            if (c == null || v == null || v > factor * c) {
                String reason = c == null || v == null ? metric + " p95 is missing (control " + c + ", variant " + v + ")"
                        : "variant " + metric + " p95 " + v + " ms is over " + factor + " × the control's " + c + " ms";
                return new End(Rollout.ROLLED_BACK, Weights.CONTROL, reason, new GateReading(r.stage(), percent,
                        since.toString(), control, variant, shown, gate, reason));
            }
        }
        if (g.liveChannelPassing()) {
            if (watches.isEmpty() || !watches.stream().allMatch("passing"::equals)) {
                String reason = watches.isEmpty() ? "no live channel watch is linked to theme " + r.themeId()
                        : "the live channel watches linked to theme " + r.themeId() + " are " + watches
                                + ", not all passing";
                return new End(Rollout.ROLLED_BACK, Weights.CONTROL, reason, new GateReading(r.stage(), percent,
                        since.toString(), control, variant, shown, "liveChannelPassing", reason));
            }
        }
        GateReading passed = new GateReading(r.stage(), percent, since.toString(), control, variant, shown, null, null);
        return r.stage() + 1 < r.stages().size() ? enter(r, r.stage() + 1, passed)
                : new End(Rollout.PROMOTED, Weights.VARIANT, "every stage passed its gate", passed);
    }

    private static double factor(Gates g, String gate) {
        return switch (gate) {
            case "themeLoadP95" -> g.themeLoadP95();
            case "renderP95" -> g.renderP95();
            default -> g.firstPaintP95();
        };
    }

    /**
     * The split of a stage as (publication, weight) pairs: the variant first, so that its share of the visitor buckets
     * is [0, w) and only grows with w — a visitor on the variant stays on it as the stages go on (the resolver walks
     * the cumulative weights in this order). 0 % is the control alone, 100 % the variant alone.
     */
    static List<Map.Entry<java.util.UUID, Double>> split(Rollout r, int percent) {
        List<Map.Entry<java.util.UUID, Double>> out = new ArrayList<>();
        if (percent > 0) {
            out.add(Map.entry(r.publicationId(), percent / 100.0));
        }
        if (percent < 100) {
            out.add(Map.entry(r.controlPublicationId(), 1.0 - percent / 100.0));
        }
        return out;
    }

    /** The variant's percent a {@link Weights} leaves, {@code current} for UNCHANGED. */
    static int percent(Weights w, int current) {
        return switch (w) {
            case CONTROL -> 0;
            case VARIANT -> 100;
            case UNCHANGED -> current;
        };
    }

    static String stageName(Rollout r) {
        return r.stage() == null ? "publishing" : (r.stage() + 1) + " of " + r.stages().size() + " ("
                + r.stages().get(r.stage()) + " %)";
    }

    static Map<String, Long> p95(Map<String, Long> raw) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String metric : List.of("theme_load_time", "render_duration", "first_paint")) {
            out.put(metric, raw == null ? null : raw.get(metric));
        }
        return out;
    }
}
