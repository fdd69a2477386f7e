package io.cxone.themes.simulator;

import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one rule for "is the built-in CXone simulator on" (docs/simulator.md, "When it is on"): on when forced by
 * {@code cxone.simulator.enabled} (CXONE_SIMULATOR), otherwise exactly when no CXone base URL is configured. Production
 * sets {@code cxone.simulator.enabled} from CXONE_SIMULATOR with default false (application.properties), so a packaged
 * jar never serves it by accident. The simulator's routes, the channel importer's default host and the {@code cxone}
 * health check all ask this bean, so they cannot disagree.
 */
@Singleton
public class SimulatorSwitch {
    private final boolean on;
    private final boolean baseUrlSet;

    public SimulatorSwitch(SimulatorConfig config, @ConfigProperty(name = "cxone.base-url") Optional<String> baseUrl) {
        this.on = isOn(config.enabled(), baseUrl);
        this.baseUrlSet = hasBaseUrl(baseUrl);
    }

    /** Whether this instance serves the built-in simulator. */
    public boolean on() {
        return on;
    }

    /** Whether a CXone base URL (CXONE_BASE_URL) is configured: neither it nor the simulator leaves CXone calls nowhere. */
    public boolean baseUrlSet() {
        return baseUrlSet;
    }

    static boolean isOn(Optional<Boolean> enabled, Optional<String> baseUrl) {
        return enabled.orElseGet(() -> !hasBaseUrl(baseUrl));
    }

    private static boolean hasBaseUrl(Optional<String> baseUrl) {
        return baseUrl.filter(url -> !url.isBlank()).isPresent();
    }
}
