package io.cxone.themes.publish;

import static io.cxone.themes.publish.Publishing.auditTrail;
import static io.cxone.themes.publish.Publishing.awaitTerminal;
import static io.cxone.themes.publish.Publishing.draft;
import static io.cxone.themes.publish.Publishing.publish;
import static io.cxone.themes.publish.Publishing.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

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

    @Test
    void anActivationSlowerThanTheDeadlineFailsThePublication() {
        Sim.reset();
        Sim.faults(Map.of("activationDelayMs", 60_000));
        String id = publish(PublishTest.widget(), Map.of("themeId", draft()));
        JsonPath done = awaitTerminal(id);
        assertEquals("FAILED", done.getString("state"), done.prettify());
        assertTrue(done.getString("failureReason").contains("deadline of 3 s"), done.getString("failureReason"));
        assertNotNull(done.getString("submittedAt"), "it was submitted first");
        Instant deadline = Instant.parse(done.getString("deadlineAt"));
        assertFalse(Instant.parse(done.getString("finishedAt")).isBefore(deadline), "failed no earlier than the deadline");
        // "at the deadline, not a poll interval after it": the step that failed it was due at the deadline itself (the
        // poll schedule is clamped to it, PublicationStepsTest pins that exactly) and ran when due, read from the job's
        // own record instead of a stopwatch; the engine stores the delay in whole milliseconds on the database's clock
        Map<String, Instant> row = times(id, "run_at", "finished_at");
        Instant due = row.get("run_at");
        assertFalse(due.isBefore(deadline.minusMillis(2)), "the last step was due at the deadline, not before: " + due);
        assertFalse(due.isAfter(row.get("finished_at")), "and ran when due: " + row);
        // how many polls fit before the deadline depends on how busy the machine is (a slow submit leaves none): the
        // reason states the job's own counts, whatever they were
        assertTrue(done.getString("failureReason").contains("after " + done.getInt("attempts") + " submit attempts and "
                + done.getInt("polls") + " status polls"), done.getString("failureReason"));
        assertEquals("publication.failed/failure/system:cxone-theme-service", auditTrail(id).get(2));
    }
}
