package io.cxone.themes.simulator;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Singleton;

/**
 * The simulator's notion of "now": the real clock, unless a test froze it or moved it forward through the admin API.
 * Token expiry, activation delays, rate-limit buckets and Retry-After deadlines all read this clock, so a test makes
 * time pass by asking for it ({@code POST /simulator/admin/clock}) instead of sleeping and hoping the machine kept up.
 */
@Singleton
public class SimClock {
    /** What the admin API shows: the simulator's current time (ISO-8601) and whether it stands still. */
    public record Reading(String now, boolean frozen) {
    }

    // one pairing of wall-clock and monotonic time, so that now() never jumps with NTP adjustments
    private static final Instant REAL_EPOCH = Instant.now();
    private static final long REAL_NANOS = System.nanoTime();

    private long offsetNanos;
    private Long frozenAtNanos; // the reading of System.nanoTime() at which the clock stopped, null while it runs

    public synchronized Instant now() {
        return REAL_EPOCH.plusNanos(nanos() - REAL_NANOS);
    }

    /** Monotonic nanoseconds on the simulator's time line (for durations such as rate-limit refills). */
    public synchronized long nanos() {
        return (frozenAtNanos != null ? frozenAtNanos : System.nanoTime()) + offsetNanos;
    }

    public synchronized Reading reading() {
        return new Reading(now().toString(), frozenAtNanos != null);
    }

    /** Stops the clock (it stays where it is until advanced or unfrozen). */
    public synchronized void freeze() {
        if (frozenAtNanos == null) {
            frozenAtNanos = System.nanoTime();
        }
    }

    /** Lets the clock run again from where it stands. */
    public synchronized void unfreeze() {
        if (frozenAtNanos != null) {
            offsetNanos += frozenAtNanos - System.nanoTime();
            frozenAtNanos = null;
        }
    }

    public synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the simulator's clock only moves forward");
        }
        offsetNanos += by.toNanos();
    }

    /** Back to the real clock. */
    public synchronized void reset() {
        offsetNanos = 0;
        frozenAtNanos = null;
    }

}
