package io.cxone.themes.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The one way tests wait: poll until a condition holds. The ceiling is generous on purpose: it only stops a test that
 * would otherwise hang, and is never a statement about speed (that is measured in {@code bench/}). A machine that is
 * busy with another build may be ten times slower than an idle one; the ceiling allows for that.
 */
public final class Waits {
    /** How long any awaited condition may take before the test gives up. */
    public static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofMillis(100);

    private Waits() {
    }

    /**
     * Reads {@code value} until {@code done} accepts it and answers that value; on timeout fails with the last value
     * read, described by {@code what}.
     */
    public static <T> T until(String what, Callable<T> value, Predicate<? super T> done) {
        Object[] last = new Object[1];
        try {
            return Awaitility.await(what).atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(() -> {
                        T v = value.call();
                        last[0] = v;
                        return v;
                    }, done::test);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": not reached within " + PATIENCE + "; last seen: " + last[0], e);
        }
    }

    /** Polls until {@code condition} is true. */
    public static void until(String what, Callable<Boolean> condition) {
        until(what, condition, Boolean.TRUE::equals);
    }
}
