package io.cxone.themes.simulator;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the built-in CXone simulator: its credentials and the fault values it starts with (and returns to on reset). */
@ConfigMapping(prefix = "cxone.simulator")
public interface SimulatorConfig {

    /**
     * Unset: on exactly when {@code cxone.base-url} is not set (dev and test). Production sets it from
     * {@code CXONE_SIMULATOR} (default false), so a packaged jar serves the simulator only when asked to.
     */
    Optional<Boolean> enabled();

    /** The bound on each kind of simulator state (themes, widgets, channel overrides, per-widget counters). */
    @WithDefault("200000")
    int maxEntries();

    @WithDefault("sim-client")
    String clientId();

    @WithDefault("sim-secret")
    String clientSecret();

    @WithDefault("sim-access-key")
    String accessKeyId();

    @WithDefault("sim-access-secret")
    String accessKeySecret();

    @WithDefault("0")
    double errorRate();

    @WithDefault("0")
    double throttleRate();

    @WithDefault("0")
    long latencyMs();

    @WithDefault("2000")
    long activationDelayMs();

    @WithDefault("0")
    double activationFailRate();

    @WithDefault("0")
    double ratePerSecond();

    @WithDefault("50")
    int maxBatchSize();

    @WithDefault("3600")
    long tokenTtlSeconds();

    @WithDefault("0")
    double dropResponseRate();

    @WithDefault("1")
    long retryAfterSeconds();

    @WithDefault("false")
    boolean retryAfterAsDate();

    Optional<Long> seed();
}
