package io.cxone.themes.publish;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of publication jobs: deadline, status polling, leases and the scheduler. */
@ConfigMapping(prefix = "app.publish")
public interface PublishConfig {

    /** How long a publication may take from request to ACTIVE before it is failed. */
    @WithDefault("10m")
    Duration deadline();

    /** {@code adaptive} (interval grows with the time since submit) or {@code doubling} (1, 2, 4 … s; for comparison). */
    @WithDefault("adaptive")
    PollSchedule.Kind pollSchedule();

    /** The shortest interval between status polls, and the first one. */
    @WithDefault("250ms")
    Duration pollMin();

    /** The longest interval between status polls. */
    @WithDefault("15s")
    Duration pollCap();

    /** Next interval = this fraction of the time since submit: bounds the detection lag to about that fraction. */
    @WithDefault("0.1")
    double pollFactor();

    /** Up to this fraction is taken off each interval at random, so that many jobs do not poll in lockstep. */
    @WithDefault("0.1")
    double pollJitter();

    /** Pause before retrying a submit or poll that CXone did not answer (unless it said how long with Retry-After). */
    @WithDefault("2s")
    Duration retryDelay();

    /** How long a claimed job stays ours without renewal; a crashed instance's jobs are taken over after it. */
    @WithDefault("15s")
    Duration lease();

    /** How often each instance looks for due jobs nobody holds (new, or left by a crashed instance). */
    @WithDefault("1s")
    Duration scanInterval();

    /** At most this many jobs claimed per scan. */
    @WithDefault("10")
    int claimBatch();

    /** Deprecated alias of {@code app.jobs.stream-recheck} (read only when that is not set). */
    @Deprecated
    Optional<Duration> eventsRecheck();
}
