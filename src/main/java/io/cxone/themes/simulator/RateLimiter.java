package io.cxone.themes.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

/** Per-client token buckets (capacity: one second's worth, at least 1); each bucket locks only itself. */
@Singleton
public class RateLimiter {
    private static final class Bucket {
        private final double rate;
        private double tokens;
        private long lastNanos;

        Bucket(double rate, long now) {
            this.rate = rate;
            this.tokens = capacity(rate);
            this.lastNanos = now;
        }

        synchronized long tryTake(long now) {
            tokens = Math.min(capacity(rate), tokens + (now - lastNanos) / 1e9 * rate);
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / rate * 1000);
        }

        private static double capacity(double rate) {
            return Math.max(1, rate);
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final SimClock clock;

    public RateLimiter(SimClock clock) {
        this.clock = clock;
    }

    /** 0 when the request may pass, else the milliseconds until the client's next token. */
    long tryAcquire(String clientId, double ratePerSecond) {
        if (ratePerSecond <= 0) {
            return 0;
        }
        long now = clock.nanos();
        Bucket bucket = buckets.compute(clientId, (id, old) -> old == null || old.rate != ratePerSecond ? new Bucket(ratePerSecond, now) : old);
        return bucket.tryTake(now);
    }

    void clear() {
        buckets.clear();
    }
}
