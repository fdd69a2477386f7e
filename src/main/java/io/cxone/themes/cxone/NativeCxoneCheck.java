package io.cxone.themes.cxone;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;

/**
 * The native executable's startup check, in place of the simulator's ({@code simulator.SimulatorRoutes}, which a native
 * build leaves out): the executable has no CXone simulator, so it needs CXONE_BASE_URL and refuses CXONE_SIMULATOR=true
 * instead of starting with CXone calls that would go nowhere. Only in a native build; the JVM jar keeps the simulator's
 * own check.
 */
@Singleton
@IfBuildProperty(name = "quarkus.native.enabled", stringValue = "true")
public class NativeCxoneCheck {
    private final Optional<Boolean> simulator;
    private final CxoneSettings settings;

    public NativeCxoneCheck(@ConfigProperty(name = "cxone.simulator.enabled") Optional<Boolean> simulator,
            CxoneSettings settings) {
        this.simulator = simulator;
        this.settings = settings;
    }

    void check(@Observes StartupEvent ignored) {
        problem(simulator, settings.baseUrl()).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    /** Why this executable cannot start with these settings, if it cannot. */
    static Optional<String> problem(Optional<Boolean> simulator, Optional<String> baseUrl) {
        if (simulator.orElse(false)) {
            return Optional.of("CXONE_SIMULATOR=true, but this native executable is built without the CXone simulator: "
                    + "unset CXONE_SIMULATOR and set CXONE_BASE_URL (with CXONE_CLIENT_ID and CXONE_CLIENT_SECRET), or "
                    + "run the JVM jar or image for trials against the simulator");
        }
        if (baseUrl.filter(url -> !url.isBlank()).isEmpty()) {
            return Optional.of("No CXone configured: set CXONE_BASE_URL (with CXONE_CLIENT_ID and CXONE_CLIENT_SECRET); "
                    + "this native executable has no built-in simulator (the JVM jar has one, for trials and tests)");
        }
        return Optional.empty();
    }
}
