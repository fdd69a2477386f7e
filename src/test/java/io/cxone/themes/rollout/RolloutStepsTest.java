package io.cxone.themes.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxone.themes.assignment.Resolver;
import io.cxone.themes.rollout.GateReading.Figures;
import io.cxone.themes.rollout.RolloutSteps.End;
import io.cxone.themes.rollout.RolloutSteps.Enter;
import io.cxone.themes.rollout.RolloutSteps.Extend;
import io.cxone.themes.rollout.RolloutSteps.ReadGate;
import io.cxone.themes.rollout.RolloutSteps.Wait;
import io.cxone.themes.rollout.RolloutSteps.Weights;

/** The rollout's decisions without a database, CXone or clock. */
class RolloutStepsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration TICK = Duration.ofSeconds(5);
    private final RolloutSteps steps = new RolloutSteps(TICK, 2);

    private static Rollout rollout(String state, Integer stage, Instant startedAt, int extensions, String command,
            Gates gates) {
        return new Rollout(UUID.randomUUID(), "w1", UUID.randomUUID(), 1, UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), List.of(5, 25, 100), 60, gates, state, stage, startedAt, extensions,
                command, command == null ? null : "alice", null, null, "bob", T0, T0, null, null);
    }

    private static Rollout running(int stage, int extensions) {
        return rollout(Rollout.RUNNING, stage, T0, extensions, null, Gates.DEFAULTS);
    }

    private static void assertEnter(int stage, int percent, RolloutSteps.Action action) {
        Enter e = assertInstanceOf(Enter.class, action);
        assertEquals(stage, e.stage());
        assertEquals(percent, e.percent());
    }

    private static Figures figures(long samples, long load, long render, long paint) {
        return new Figures("t", samples, Map.of("theme_load_time", load, "render_duration", render, "first_paint", paint));
    }

    @Test
    void whilePublishingTheRolloutMirrorsThePublicationAndTreatsUnknownStatesAsWaiting() {
        Rollout r = rollout(Rollout.RUNNING, null, null, 0, null, Gates.DEFAULTS);
        assertEquals(new Wait(Rollout.PENDING_APPROVAL, TICK), steps.decide(r, T0, "PENDING_APPROVAL"));
        assertEquals(new Wait(Rollout.SCHEDULED, TICK), steps.decide(r, T0, "SCHEDULED"));
        assertEquals(new Wait(Rollout.RUNNING, TICK), steps.decide(r, T0, "ACTIVATING"));
        assertEquals(new Wait(Rollout.RUNNING, TICK), steps.decide(r, T0, "SOMETHING_NEW"));
        assertEnter(0, 5, steps.decide(r, T0, "ACTIVE"));
        for (String end : List.of("FAILED", "REJECTED", "EXPIRED")) {
            End e = assertInstanceOf(End.class, steps.decide(r, T0, end));
            assertEquals(Rollout.FAILED, e.state());
            assertEquals(Weights.UNCHANGED, e.weights());
        }
    }

    @Test
    void aHoldIsCutIntoTicksAndEndsWithAGateRead() {
        assertEquals(new Wait(Rollout.RUNNING, TICK), steps.decide(running(0, 0), T0.plusSeconds(10), "ACTIVE"));
        assertEquals(new Wait(Rollout.RUNNING, Duration.ofSeconds(2)), steps.decide(running(0, 0), T0.plusSeconds(58), "ACTIVE"));
        assertInstanceOf(ReadGate.class, steps.decide(running(0, 0), T0.plusSeconds(60), "ACTIVE"));
        // an extended hold is one more holdSeconds per extension
        assertEquals(new Wait(Rollout.RUNNING, TICK), steps.decide(running(0, 1), T0.plusSeconds(60), "ACTIVE"));
        assertInstanceOf(ReadGate.class, steps.decide(running(0, 1), T0.plusSeconds(120), "ACTIVE"));
    }

    @Test
    void theGatePassesWithinEveryFactorAndMovesToTheNextStageOrPromotes() {
        Figures control = figures(500, 100, 50, 800);
        Figures within = figures(300, 120, 60, 960); // exactly 1.2 × each
        assertEnter(1, 25, steps.gate(running(0, 0), T0, control, within, List.of()));
        assertEquals(120L, ((Enter) steps.gate(running(0, 0), T0, control, within, List.of())).passed().variant().p95()
                .get("theme_load_time")); // the passed gate's figures are kept too
        End last = assertInstanceOf(End.class, steps.gate(running(1, 0), T0, control, within, List.of()));
        assertEquals(Rollout.PROMOTED, last.state());
        assertEquals(Weights.VARIANT, last.weights());
    }

    @Test
    void aSlowerVariantRollsBackNamingTheGateAndKeepingBothFigures() {
        Figures control = figures(500, 100, 50, 800);
        End e = assertInstanceOf(End.class, steps.gate(running(1, 0), T0, control, figures(300, 100, 61, 800), List.of()));
        assertEquals(Rollout.ROLLED_BACK, e.state());
        assertEquals(Weights.CONTROL, e.weights());
        assertEquals("renderP95", e.reading().failed());
        assertEquals(25, e.reading().variantPercent());
        assertEquals(50L, e.reading().control().p95().get("render_duration"));
        assertEquals(61L, e.reading().variant().p95().get("render_duration"));
        assertTrue(e.outcome().contains("61") && e.outcome().contains("50"), e.outcome());
    }

    @Test
    void tooFewSamplesExtendUpToTheLimitThenStallKeepingTheSplit() {
        Figures control = figures(500, 100, 50, 800);
        Figures few = figures(199, 100, 50, 800);
        Extend x = assertInstanceOf(Extend.class, steps.gate(running(0, 1), T0, control, few, List.of()));
        assertEquals("minSamples", x.reading().failed());
        End stalled = assertInstanceOf(End.class, steps.gate(running(0, 2), T0, control, few, List.of()));
        assertEquals(Rollout.STALLED, stalled.state());
        assertEquals(Weights.UNCHANGED, stalled.weights());
        // too few samples on the control side count too, even with a slow variant: the figures are not yet to be trusted
        assertInstanceOf(Extend.class, steps.gate(running(0, 0), T0, figures(10, 100, 50, 800),
                figures(500, 900, 900, 900), List.of()));
    }

    @Test
    void theLiveChannelGateNeedsEveryLinkedWatchPassing() {
        Gates live = new Gates(1.2, 1.2, 1.2, 200, true);
        Rollout r = rollout(Rollout.RUNNING, 0, T0, 0, null, live);
        Figures ok = figures(500, 100, 50, 800);
        assertEnter(1, 25, steps.gate(r, T0, ok, ok, List.of("passing", "passing")));
        End e = assertInstanceOf(End.class, steps.gate(r, T0, ok, ok, List.of("passing", "drifted")));
        assertEquals("liveChannelPassing", e.reading().failed());
        assertEquals(List.of("passing", "drifted"), e.reading().watches());
        assertEquals(Rollout.ROLLED_BACK, assertInstanceOf(End.class, steps.gate(r, T0, ok, ok, List.of())).state());
    }

    @Test
    void commands() {
        Rollout abort = rollout(Rollout.RUNNING, 1, T0, 0, "abort", Gates.DEFAULTS);
        End a = assertInstanceOf(End.class, steps.decide(abort, T0, "ACTIVE"));
        assertEquals(Rollout.ABORTED, a.state());
        assertEquals(Weights.CONTROL, a.weights());
        assertEquals(Weights.UNCHANGED, ((End) steps.decide(rollout(Rollout.PENDING_APPROVAL, null, null, 0, "abort",
                Gates.DEFAULTS), T0, "PENDING_APPROVAL")).weights());
        assertInstanceOf(RolloutSteps.Pause.class, steps.decide(rollout(Rollout.RUNNING, 0, T0, 0, "pause",
                Gates.DEFAULTS), T0, "ACTIVE"));
        assertEnter(1, 25, steps.decide(rollout(Rollout.PAUSED, 1, null, 0, "resume", Gates.DEFAULTS), T0,
                "ACTIVE"));
        assertEquals(Rollout.PROMOTED, ((End) steps.decide(rollout(Rollout.STALLED, 0, T0, 3, "promote",
                Gates.DEFAULTS), T0, "ACTIVE")).state());
        // a command that raced with a change of state is dropped; a paused rollout without one does nothing
        assertInstanceOf(RolloutSteps.Drop.class, steps.decide(rollout(Rollout.PAUSED, 0, null, 0, "pause",
                Gates.DEFAULTS), T0, "ACTIVE"));
        assertInstanceOf(RolloutSteps.Drop.class, steps.decide(rollout(Rollout.PAUSED, 0, null, 0, null,
                Gates.DEFAULTS), T0, "ACTIVE"));
    }

    /**
     * Seeded and randomized: the split puts the variant first, so a visitor the resolver put on the variant at one
     * stage is on it at every later stage (its share [0, w) only grows), for any stage list.
     */
    @Test
    void aVisitorOnTheVariantStaysOnItAsItsWeightGrows() {
        long seed = 20261206L;
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            List<Integer> stages = new ArrayList<>();
            int p = 0;
            while (p < 100) {
                p = Math.min(100, p + 1 + random.nextInt(40));
                stages.add(p);
            }
            Rollout r = new Rollout(UUID.randomUUID(), "w-" + round, UUID.randomUUID(), 1, UUID.randomUUID(), null,
                    UUID.randomUUID(), UUID.randomUUID(), stages, 60, Gates.DEFAULTS, Rollout.RUNNING, 0, T0, 0, null,
                    null, null, null, "bob", T0, T0, null, null);
            for (int v = 0; v < 50; v++) {
                String visitor = Long.toHexString(random.nextLong());
                double bucket = Resolver.bucket(r.widgetId(), visitor);
                assertEquals(bucket, Resolver.bucket(r.widgetId(), visitor), "deterministic per visitor");
                boolean onVariant = false;
                for (int stage : stages) {
                    boolean now = pick(r, stage, bucket).equals(r.publicationId());
                    assertTrue(!onVariant || now, "seed " + seed + " round " + round + ": visitor " + visitor
                            + " left the variant at " + stage + " % of " + stages);
                    onVariant = now;
                }
                assertTrue(onVariant, "at 100 % every visitor is on the variant");
            }
        }
    }

    /** What the resolver answers for the split the rollout sends at {@code percent}. */
    private static UUID pick(Rollout r, int percent, double bucket) {
        List<io.cxone.themes.assignment.Variant> variants = RolloutSteps.split(r, percent).stream()
                .map(e -> new io.cxone.themes.assignment.Variant(e.getKey(), null, null, null, e.getValue())).toList();
        return Resolver.resolve(variants, null, null, bucket).orElseThrow().publicationId();
    }
}
