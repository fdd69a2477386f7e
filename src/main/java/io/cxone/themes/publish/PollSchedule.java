package io.cxone.themes.publish;

import java.time.Duration;

/**
 * When to poll CXone next. Adaptive: a tenth of the time since submit, clamped to [min, cap], with a little downward
 * jitter, so that an activation is seen at most ~10 % of its duration late with a logarithmic number of polls. Doubling
 * (1, 2, 4 … s) exists only for comparison: it sees a 20 s activation ~11 s late.
 */
public record PollSchedule(Kind kind, long minMs, long capMs, double factor, double jitter) {

    /** The schedule's shape. */
    public enum Kind { adaptive, doubling }

    static PollSchedule of(PublishConfig config) {
        return new PollSchedule(config.pollSchedule(), config.pollMin().toMillis(), config.pollCap().toMillis(),
                config.pollFactor(), config.pollJitter());
    }

    /**
     * @param sinceSubmitMs time since CXone accepted the theme
     * @param pollsDone status polls already made
     * @param random a uniform number in [0, 1)
     */
    public Duration next(long sinceSubmitMs, int pollsDone, double random) {
        if (kind == Kind.doubling) {
            return Duration.ofMillis(1000L << Math.min(pollsDone, 20));
        }
        long base = Math.max(minMs, Math.min(capMs, Math.round(factor * Math.max(0, sinceSubmitMs))));
        return Duration.ofMillis(Math.max(1, Math.round(base * (1 - jitter * random))));
    }
}
