package io.cxone.themes.channels;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rate towards each channel host, per instance: fetches to one host start at least {@code 1/rate} apart, and
 * none before the time the host last asked for with {@code Retry-After}. {@link #reserve} answers how long a fetch
 * must wait; the slot is taken at once, so concurrent checks line up instead of bursting. Times are
 * {@link System#nanoTime()}, never the wall clock.
 */
final class HostPacer {
    /** Forget hosts idle for this long (bounded memory with many tenants' hosts). */
    private static final long IDLE_NANOS = Duration.ofMinutes(10).toNanos();
    private static final int PRUNE_ABOVE = 1000;

    private final long spacingNanos;
    private final Map<String, long[]> hosts = new ConcurrentHashMap<>(); // host -> {next free slot, blocked until}

    HostPacer(double ratePerSecond) {
        this.spacingNanos = (long) (1_000_000_000L / Math.max(0.001, ratePerSecond));
    }

    /** Takes the next slot for {@code host}; answers how long to wait before using it (zero: now). */
    Duration reserve(String host) {
        return reserve(host, System.nanoTime());
    }

    Duration reserve(String host, long now) {
        if (hosts.size() > PRUNE_ABOVE) {
            hosts.entrySet().removeIf(e -> now - Math.max(e.getValue()[0], e.getValue()[1]) > IDLE_NANOS);
        }
        long[] slot = new long[1];
        hosts.compute(host, (h, state) -> {
            long[] s = state == null ? new long[] { now, now } : state;
            long start = Math.max(now, Math.max(s[0], s[1]));
            s[0] = start + spacingNanos;
            slot[0] = start;
            return s;
        });
        return Duration.ofNanos(slot[0] - now);
    }

    /** The host answered 429/503 with {@code Retry-After}: nothing more to it from here before that. */
    void blockFor(String host, Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        hosts.compute(host, (h, state) -> {
            long[] s = state == null ? new long[] { until, until } : state;
            s[1] = Math.max(s[1], until);
            return s;
        });
    }
}
