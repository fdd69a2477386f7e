package io.cxone.themes.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every {@code @QuarkusTest} application listens on a port that was free when it started (a fixed 8081 that something
 * else on a busy machine holds would fail the build). Chosen before the application starts rather than with
 * {@code quarkus.http.test-port=0}: the simulator's URLs, which the OIDC client resolves at startup, are built from
 * this port, and Quarkus would only publish the randomly bound one after that. Global: it applies to every test class.
 */
@WithTestResource(value = FreeHttpPort.class, scope = TestResourceScope.GLOBAL)
public class FreeHttpPort implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.http.test-port", String.valueOf(ServiceProcess.freePort()));
    }

    @Override
    public void stop() {
        // nothing to release: the application closes the port when it stops
    }
}
