package io.cxone.themes.publish;

import static io.cxone.themes.publish.Publishing.auditTrail;
import static io.cxone.themes.publish.Publishing.awaitTerminal;
import static io.cxone.themes.publish.Publishing.draft;
import static io.cxone.themes.publish.Publishing.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** A publication that CXone does not activate within {@code app.publish.deadline} is failed, saying why. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@TestProfile(DeadlineTest.ShortDeadline.class)
class DeadlineTest {

    /** A 3 s deadline. */
    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.publish.deadline", "3s");
        }
    }

    /** Faults must not leak into the next test class (its readiness probe, for one, calls CXone). */
    @AfterEach
    void restoreSimulator() {
        Sim.reset();
    }

    @Test
    void anActivationSlowerThanTheDeadlineFailsThePublication() {
        Sim.reset();
        Sim.faults(Map.of("activationDelayMs", 60_000));
        long start = System.nanoTime();
        String id = publish(PublishTest.widget(), Map.of("themeId", draft()));
        JsonPath done = awaitTerminal(id, Duration.ofSeconds(15));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals("FAILED", done.getString("state"), done.prettify());
        assertTrue(done.getString("failureReason").contains("deadline of 3 s"), done.getString("failureReason"));
        assertNotNull(done.getString("submittedAt"), "it was submitted first");
        assertTrue(tookMs >= 2_900 && tookMs < 6_000, "failed at the deadline, not long after: " + tookMs + " ms");
        assertTrue(done.getInt("polls") >= 3, "polled until then: " + done.getInt("polls"));
        assertEquals("publication.failed/failure/system:cxone-theme-service", auditTrail(id).get(2));
    }
}
