package io.cxone.themes.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.JwtTestKeys;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the simulator on (as in the tests and bench/startup-classes.sh), its routes are in the router from the start but
 * its handlers and stores are made at its first request: the way to the first 200 of readiness needs none of them
 * (docs/benchmarks.md, "quarkus-oidc's start cost"). A start that makes SimulatorRoutes (as {@code init} did before)
 * fails this.
 * <p>
 * Its own (empty) profile, so the application is fresh: in the shared one an earlier class has called the simulator
 * already. The test makes no request itself; that every route
 * still answers is the other simulator tests' work (they call each of them; {@code handlers()} refuses to
 * serve if its routes and {@code ROUTES} disagree).
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@TestProfile(SimulatorMadeAtFirstUseTest.FreshStart.class)
class SimulatorMadeAtFirstUseTest {
    public static class FreshStart implements QuarkusTestProfile {
    }

    @Test
    void aStartWithTheSimulatorOnMakesNoneOfItsHandlers() {
        assertTrue(Arc.container().instance(SimulatorSwitch.class).get().on(), "the test profile serves the simulator");
        List<String> made = Arc.container().getActiveContext(Singleton.class).getState().getContextualInstances()
                .keySet().stream().filter(bean -> bean.getBeanClass().equals(SimulatorRoutes.class))
                .map(InjectableBean::toString).toList();
        assertEquals(List.of(), made, "the simulator's handlers were made during the start; find who with "
                + "STARTUP_CLASSES_WHY=io.cxone.themes.simulator.WidgetStore bash bench/startup-classes.sh");
    }
}
