package io.cxone.themes.jobs;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a failed job runs again, and when it has failed too often. Exponential ({@code base * 2^(n-1)} after the n-th
 * consecutive failure, capped at {@code max}) with "equal jitter": a random half of the delay is added to the other
 * half, so jobs that failed together (CXone was down) do not all come back in the same instant, and no retry comes
 * sooner than half its step.
 */
record Backoff(int maxAttempts, Duration base, Duration max, DoubleSupplier random) {

    Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts must be at least 1, was " + maxAttempts);
        }
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("retry-base must be positive and at most retry-max (" + base + ", " + max
                    + ")");
        }
    }

    static Backoff of(JobSettings settings, RetryDefaults defaults) {
        return new Backoff(settings.maxAttempts().orElse(defaults.maxAttempts()),
                settings.retryBase().orElse(defaults.retryBase()), settings.retryMax().orElse(defaults.retryMax()),
                Math::random);
    }

    /** Whether the {@code failures}-th consecutive failure ends the job. */
    boolean exhausted(int failures) {
        return failures >= maxAttempts;
    }

    /** The delay before the next attempt after the {@code failures}-th consecutive failure (1-based). */
    Duration delayAfter(int failures) {
        long baseMillis = base.toMillis();
        int doublings = Math.min(Math.max(failures - 1, 0), 40); // 2^40 ms is decades: the cap has long applied
        long step = Math.min(max.toMillis(), saturatedShift(baseMillis, doublings));
        long half = step / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (step - half)));
    }

    private static long saturatedShift(long value, int bits) {
        return value > (Long.MAX_VALUE >> bits) ? Long.MAX_VALUE : value << bits;
    }
}
