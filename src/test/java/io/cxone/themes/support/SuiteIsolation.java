package io.cxone.themes.support;

import io.cxone.themes.simulator.AdminHandler;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.test.junit.callback.QuarkusTestAfterAllCallback;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestContext;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * What every {@code @QuarkusTest} leaves behind is undone here, once, instead of in copied {@code @AfterEach} methods
 * (registered for all of them through {@code META-INF/services}; runs inside the application under test):
 * <ul>
 * <li>after each test: the simulator's default faults and its real clock (its themes, tokens and counters stay, as a
 * class may build on them from test to test);</li>
 * <li>after each class: the simulator's whole state, every circuit breaker (reset, not waited out), and the publication
 * and sync jobs the class left unfinished, ended and fenced so that no job runner (of this application, or of the next
 * one started on the shared test database) acts on them while another class runs.</li>
 * </ul>
 */
public class SuiteIsolation implements QuarkusTestAfterEachCallback, QuarkusTestAfterAllCallback {

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        withBean(AdminHandler.class, AdminHandler::restoreFaultsAndClock);
    }

    @Override
    public void afterAll(QuarkusTestContext context) {
        // jobs first: a step still in flight must not reach the fresh simulator that the next class counts on
        if (Db.available()) {
            Db.endLeftoverJobs();
        }
        withBean(AdminHandler.class, AdminHandler::resetAll);
        withBean(CircuitBreakerMaintenance.class, CircuitBreakerMaintenance::resetAll);
    }

    private static <T> void withBean(Class<T> type, java.util.function.Consumer<T> action) {
        if (Arc.container() == null) {
            return; // the application did not start (its failure is reported by the test itself)
        }
        try (InstanceHandle<T> bean = Arc.container().instance(type)) {
            if (bean.isAvailable()) {
                action.accept(bean.get());
            }
        }
    }
}
