package io.cxone.themes.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The poll schedule's detection lag and poll count, simulated over activation times (seeded, no clock). */
class PollScheduleTest {
    private static final PollSchedule ADAPTIVE = new PollSchedule(PollSchedule.Kind.adaptive, 250, 15_000, 0.1, 0.1);
    private static final PollSchedule DOUBLING = new PollSchedule(PollSchedule.Kind.doubling, 250, 15_000, 0.1, 0.1);

    @Test
    void startsShortGrowsWithElapsedTimeAndStopsAtTheCap() {
        assertEquals(250, ADAPTIVE.next(0, 0, 0).toMillis());
        assertEquals(2_000, ADAPTIVE.next(20_000, 30, 0).toMillis());
        assertEquals(15_000, ADAPTIVE.next(600_000, 80, 0).toMillis());
        assertEquals(1_800, ADAPTIVE.next(20_000, 30, 0.999_999).toMillis(), "jitter only shortens, by at most 10 %");
        assertEquals(4_000, DOUBLING.next(0, 2, 0).toMillis());
    }

    @Test
    void detectionLagStaysWithinTenPercentOrHalfASecond() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            long activation = 100 + random.nextInt(300_000);
            long[] r = simulate(ADAPTIVE, activation, random);
            long bound = Math.max(500, activation / 10);
            assertTrue(r[0] <= bound, "seed " + seed + ": activation " + activation + " ms seen " + r[0] + " ms late");
            assertTrue(r[1] <= 80, "seed " + seed + ": " + r[1] + " polls for " + activation + " ms");
        }
    }

    @Test
    void doublingIsFarLaterAt20Seconds() {
        long[] doubling = simulate(DOUBLING, 20_000, new Random(1));
        long[] adaptive = simulate(ADAPTIVE, 20_000, new Random(1));
        assertEquals(11_000, doubling[0], "polls at 1, 3, 7, 15, 31 s");
        assertTrue(adaptive[0] <= 2_000 && adaptive[0] * 5 < doubling[0], adaptive[0] + " vs " + doubling[0]);
    }

    /** Answers {detection lag ms, polls} for an activation at {@code activationMs} after submit. */
    static long[] simulate(PollSchedule schedule, long activationMs, Random random) {
        long t = schedule.next(0, 0, random.nextDouble()).toMillis();
        int polls = 1;
        while (t < activationMs) {
            t += schedule.next(t, polls, random.nextDouble()).toMillis();
            polls++;
        }
        return new long[] { t - activationMs, polls };
    }
}
