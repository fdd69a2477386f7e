package io.cxone.themes.publish;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of publication jobs: deadline, status polling, and progress streams (the engine's settings: PublicationJobSettings). */
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

    /** How often an SSE stream re-reads the publication (catches changes made by another instance). */
    @WithDefault("500ms")
    Duration eventsRecheck();
}
