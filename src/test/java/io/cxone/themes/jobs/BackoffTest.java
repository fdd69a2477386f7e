package io.cxone.themes.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Seeds;

/** The retry delays: exponential from the base, capped, with equal jitter (never sooner than half a step). */
class BackoffTest {
    private static final Duration BASE = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(10);

    @Test
    void everyDelayLiesBetweenHalfItsStepAndTheStep() {
        long seed = Seeds.seed();
        Random random = Seeds.random(seed);
        Backoff backoff = new Backoff(8, BASE, MAX, random::nextDouble);
        for (int failures = 1; failures <= 12; failures++) {
            long step = Math.min(MAX.toMillis(), BASE.toMillis() << (failures - 1));
            for (int i = 0; i < 2_000; i++) {
                long delay = backoff.delayAfter(failures).toMillis();
                assertTrue(delay >= step / 2 && delay <= step, Seeds.tag(seed) + "after " + failures
                        + " failure(s): " + delay + " ms, step " + step + " ms");
            }
        }
    }

    @Test
    void theStepDoublesFromTheBaseUpToTheCap() {
        Backoff lowest = new Backoff(8, BASE, MAX, () -> 0.0);
        Backoff highest = new Backoff(8, BASE, MAX, () -> Math.nextDown(1.0));
        long[] steps = { 100, 200, 400, 800, 1_600, 3_200, 6_400, 10_000, 10_000 };
        for (int i = 0; i < steps.length; i++) {
            assertEquals(Duration.ofMillis(steps[i] / 2), lowest.delayAfter(i + 1), "lowest after " + (i + 1));
            assertEquals(Duration.ofMillis(steps[i] - 1), highest.delayAfter(i + 1), "highest after " + (i + 1));
        }
    }

    @Test
    void aVeryLongRunOfFailuresStaysAtTheCap() {
        Backoff backoff = new Backoff(Integer.MAX_VALUE, BASE, MAX, () -> Math.nextDown(1.0));
        for (int failures : new int[] { 40, 41, 63, 64, 1_000, Integer.MAX_VALUE }) {
            Duration delay = backoff.delayAfter(failures);
            assertTrue(delay.compareTo(MAX.dividedBy(2)) >= 0 && delay.compareTo(MAX) <= 0, failures + ": " + delay);
        }
        Backoff hours = new Backoff(8, Duration.ofHours(1), Duration.ofDays(365), () -> 0.0);
        assertEquals(Duration.ofDays(365).dividedBy(2), hours.delayAfter(60), "no overflow past the cap");
    }

    @Test
    void theJobIsExhaustedAtItsMaxAttempts() {
        Backoff backoff = new Backoff(3, BASE, MAX, () -> 0.5);
        assertFalse(backoff.exhausted(1));
        assertFalse(backoff.exhausted(2));
        assertTrue(backoff.exhausted(3));
        assertTrue(backoff.exhausted(4));
        assertTrue(new Backoff(1, BASE, MAX, () -> 0.5).exhausted(1), "one attempt: the first failure ends it");
    }

    @Test
    void settingsOutOfRangeAreRefusedAndAKindsKeysOverrideTheDefaults() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, BASE, MAX, () -> 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(3, Duration.ZERO, MAX, () -> 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(3, MAX, BASE, () -> 0.5));

        RetryDefaults defaults = new RetryDefaults(8, Duration.ofSeconds(1), Duration.ofMinutes(5));
        ScratchJobs.Settings none = ScratchJobs.Settings.of(Duration.ofSeconds(30));
        Backoff engineWide = Backoff.of(none, defaults);
        assertEquals(8, engineWide.maxAttempts());
        assertEquals(Duration.ofSeconds(1), engineWide.base());
        assertEquals(Duration.ofMinutes(5), engineWide.max());
        Backoff own = Backoff.of(new ScratchJobs.Settings(none.lease(), none.scan(), 1, 1, Optional.of(3),
                Optional.of(Duration.ofSeconds(2)), Optional.of(Duration.ofMinutes(1))), defaults);
        assertEquals(3, own.maxAttempts());
        assertEquals(Duration.ofSeconds(2), own.base());
        assertEquals(Duration.ofMinutes(1), own.max());
    }
}
