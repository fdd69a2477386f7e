package io.cxone.themes.publish;

import static io.cxone.themes.publish.Publishing.as;
import static io.cxone.themes.publish.Publishing.auditTrail;
import static io.cxone.themes.publish.Publishing.awaitTerminal;
import static io.cxone.themes.publish.Publishing.draft;
import static io.cxone.themes.publish.Publishing.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Metrics;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The engine gives a publication up: after its last failed attempt, or at once when its row cannot be read. Either way
 * it ends FAILED with the reason, in the API, in the audit trail (as the system) and in the finished metric.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@TestProfile(PublicationGiveUpTest.ThreeQuickAttempts.class)
class PublicationGiveUpTest {
    private static final String FAILED_METRIC = "publications_finished_total";

    /** Three attempts, retried after tens of milliseconds; the client's own retries between 10 and 20 ms apart. */
    public static class ThreeQuickAttempts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.jobs.publications.max-attempts", "3", "app.jobs.publications.retry-base", "20ms",
                    "app.jobs.publications.retry-max", "100ms", "cxone.retry.max-backoff", "20ms");
        }
    }

    @Test
    void aPublicationWhoseStepKeepsFailingEndsFailedAfterItsLastAttempt() {
        String theme = draft();
        double before = failedMetric();
        Sim.faults(Map.of("errorRate", 1.0)); // every CXone call answers 5xx, through all of the client's retries
        String id = publish(PublishTest.widget(), Map.of("themeId", theme));

        JsonPath done = awaitTerminal(id);
        assertEquals("FAILED", done.getString("state"), done.prettify());
        String reason = done.getString("failureReason");
        assertTrue(reason.startsWith("gave up after 3 failed attempt(s); last: "), reason);
        assertNotNull(done.getString("finishedAt"));
        assertEquals(3, done.getInt("attempts"), "each attempt stored its submit before sending it");
        assertEquals("3", column(id, "failed_attempts"));
        assertEquals(List.of("publication.requested/success/alice",
                "publication.failed/failure/system:cxone-theme-service"), auditTrail(id));
        assertEquals(reason, failedEvent(id, "reason"));
        assertEquals("alice", failedEvent(id, "requestedBy"));
        assertEquals("3", failedEvent(id, "attempts"));
        Waits.until("the failure counted", () -> failedMetric() >= before + 1);
    }

    @Test
    void aRowThatCannotBeReadEndsFailedAtOnce() {
        // a fixture row held by a lease no runner takes; corrupted, then let go in one statement
        UUID id = TestPublications.create(PublishTest.widget(), "QUEUED");
        double before = failedMetric();
        Db.execute("UPDATE publications SET on_conflict = 'sometimes', lease_owner = NULL, lease_until = NULL "
                + "WHERE id = '" + id + "'");

        Waits.until("publication " + id + " given up", () -> column(id.toString(), "state"), "FAILED"::equals);
        String reason = column(id.toString(), "failure_reason");
        assertTrue(reason.startsWith("the job's stored row cannot be read (IllegalArgumentException: No enum constant"),
                reason);
        assertTrue(reason.contains("sometimes"), reason);
        assertEquals("1", column(id.toString(), "failed_attempts"), "at once, not after max-attempts");
        assertEquals("0", column(id.toString(), "attempts"), "nothing was sent to CXone");
        assertNotNull(column(id.toString(), "finished_at"));
        assertEquals(List.of("publication.failed/failure/system:cxone-theme-service"), auditTrail(id.toString()));
        assertEquals(reason, failedEvent(id.toString(), "reason"));
        Waits.until("the failure counted", () -> failedMetric() >= before + 1);

        // mended, the API shows the reason it ended with
        Db.execute("UPDATE publications SET on_conflict = 'fail' WHERE id = '" + id + "'");
        JsonPath shown = as(Roles.VIEWER).get("/api/v1/publications/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("FAILED", shown.getString("state"));
        assertEquals(reason, shown.getString("failureReason"));
    }

    private static double failedMetric() {
        return Metrics.value(Metrics.scrape(), FAILED_METRIC, "state=\"FAILED\"");
    }

    private static String column(String publicationId, String column) {
        return one("SELECT " + column + "::text FROM publications WHERE id = ?::uuid", publicationId);
    }

    /** A field of the details of the publication's publication.failed audit event. */
    private static String failedEvent(String publicationId, String field) {
        return one("SELECT details->>'" + field + "' FROM audit_events WHERE publication_id = ? "
                + "AND action = 'publication.failed'", publicationId);
    }

    private static String one(String sql, String parameter) {
        try (Connection c = Db.connect()) {
            List<String> values = Db.strings(c, sql, parameter);
            assertEquals(1, values.size(), sql + " for " + parameter + ": " + values);
            return values.get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
