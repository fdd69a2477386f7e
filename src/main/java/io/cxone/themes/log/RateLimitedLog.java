package io.cxone.themes.log;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * Logs a warning once per period per distinct text: a job scanner that fails every second while the database is down
 * writes one line a minute (with how many it held back) instead of sixty.
 */
public final class RateLimitedLog {
    private static final int MAX_KEYS = 1000;

    private record Window(long openedAt, int suppressed) {
    }

    private final Logger log;
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger log, Duration period) {
        this(log, period, System::nanoTime);
    }

    RateLimitedLog(Logger log, Duration period, LongSupplier nanoTime) {
        this.log = log;
        this.periodNanos = period.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Logs {@code message} at WARN unless the same text was logged within the period; answers whether it logged. */
    public boolean warn(String message) {
        long now = nanoTime.getAsLong();
        Window[] previous = new Window[1];
        boolean[] logNow = new boolean[1];
        if (windows.size() >= MAX_KEYS && !windows.containsKey(message)) {
            windows.clear(); // many distinct texts: forgetting costs a few extra lines, never memory
        }
        windows.compute(message, (key, window) -> {
            if (window == null || now - window.openedAt() >= periodNanos) {
                previous[0] = window;
                logNow[0] = true;
                return new Window(now, 0);
            }
            return new Window(window.openedAt(), window.suppressed() + 1);
        });
        if (logNow[0]) {
            int held = previous[0] == null ? 0 : previous[0].suppressed();
            log.warn(held == 0 ? message : message + " (and " + held + " more like it in the last period)");
        }
        return logNow[0];
    }
}
