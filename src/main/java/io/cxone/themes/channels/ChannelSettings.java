package io.cxone.themes.channels;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The live channel monitor's limits ({@code app.channels.*}, env {@code APP_CHANNELS_*}). */
@ConfigMapping(prefix = "app.channels")
public interface ChannelSettings {
    /** Checks one instance runs at once (each is one fetch, a mapping and one transaction). */
    @WithDefault("8")
    int maxHeld();

    /** Fetches per second towards one channel host, per instance (a token bucket of one second's capacity). */
    @WithDefault("10")
    double rate();

    /** Consecutive failed fetches after which a watch is {@code unreachable}; a single failure is not a state change. */
    @WithDefault("3")
    int unreachableAfter();

    /** After a failed fetch the next try comes after this (or the interval, if shorter; or the host's Retry-After). */
    @WithDefault("60s")
    Duration retryAfterFailure();

    /** How long a claimed check stays ours without renewal (a fetch with its retries takes at most ~20 s). */
    @WithDefault("60s")
    Duration lease();

    /** How often each instance looks for due watches. */
    @WithDefault("1s")
    Duration scanInterval();

    /** The default check interval when a watch does not give one. */
    @WithDefault("3600")
    int defaultIntervalSeconds();

    /** Most watches one instance claims per scan. */
    @WithDefault("8")
    int claimBatch();
}
