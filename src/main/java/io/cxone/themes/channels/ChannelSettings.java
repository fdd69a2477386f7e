package io.cxone.themes.channels;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The live channel monitor's limits ({@code app.channels.*}, env {@code APP_CHANNELS_*}). */
@ConfigMapping(prefix = "app.channels")
public interface ChannelSettings {

    /** Fetches per second towards one channel host, per instance (a token bucket of one second's capacity). */
    @WithDefault("10")
    double rate();

    /** Consecutive failed fetches after which a watch is {@code unreachable}; a single failure is not a state change. */
    @WithDefault("3")
    int unreachableAfter();

    /** After a failed fetch the next try comes after this (or the interval, if shorter; or the host's Retry-After). */
    @WithDefault("60s")
    Duration retryAfterFailure();



    /** The default check interval when a watch does not give one. */
    @WithDefault("3600")
    int defaultIntervalSeconds();


    /**
     * "Check now" runs at most one check per watch per this long ({@code APP_CHANNELS_CHECK_COOLDOWN}): a request
     * within it joins the check already queued, at the end of the cooldown (202 either way; the watch's
     * {@code nextCheckAt} says when). Every check is a fetch from the channel host, so a flood of requests must not
     * become a flood of fetches.
     */
    @WithDefault("30s")
    Duration checkCooldown();

    /**
     * Watches one deployment keeps ({@code APP_CHANNELS_MAX_WATCHES}), counted in the database, so all instances
     * share it; creating one more is 409. Each watch is a fetch every interval, a row and its snapshots: the limit
     * keeps one publisher from turning the monitor into load on the channel hosts and the database.
     */
    @WithDefault("5000")
    int maxWatches();
}
