package io.cxone.themes.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Metrics;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A sync job whose runs keep failing ends FAILED after its max attempts, and one whose row cannot be read ends so at
 * once: the reason is in the job's view, its {@code sync.finished} event and the {@code sync.finished} metric, and the
 * widgets never sent stay PENDING (never FAILED for CXone's or our own trouble).
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@TestProfile(SyncGiveUpTest.FewAttempts.class)
class SyncGiveUpTest {
    private static final String FINISHED = "sync_finished_total";

    /** Three attempts, retried within a second, and CXone calls retried within milliseconds. */
    public static class FewAttempts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.jobs.sync.max-attempts", "3", "app.jobs.sync.retry-base", "50ms",
                    "app.jobs.sync.retry-max", "200ms", "cxone.retry.max-backoff", "20ms");
        }
    }

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void aJobWhoseRunsKeepFailingEndsFailedWithTheReasonAfterItsAttempts() {
        UUID publication = TestPublications.active("w-give-up");
        double failedBefore = Metrics.value(Metrics.scrape(), FINISHED, "state=\"FAILED\"");
        // every batch-sync call answers 5xx: the client's retries run out and no Retry-After says when to come back,
        // so each run fails (3 runs of 9 calls stay below the breaker's window of 40: no pause)
        Sim.faults(Map.of("errorRate", 1.0));
        List<String> widgets = List.of("gu-" + UUID.randomUUID() + "-a", "gu-" + UUID.randomUUID() + "-b");
        String job = SyncJobs.start("", publication, widgets);
        JsonPath done = SyncJobs.await("", job);

        assertEquals("FAILED", done.getString("state"), done.prettify());
        String reason = done.getString("failureReason");
        assertNotNull(reason, done.prettify());
        assertTrue(reason.startsWith("gave up after 3 failed attempt(s); last: ") && reason.contains("batch 0 stays "
                + "pending: batch-sync failed after retries: CXone answered 5"), reason);
        assertEquals(2, done.getInt("pending"), "CXone's trouble fails no widget: " + done.prettify());
        assertEquals(0, done.getInt("failed"));
        assertNotNull(done.getString("finishedAt"));
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).queryParam("status", "PENDING")
                .get("/api/v1/sync-jobs/" + job + "/items").then().statusCode(200).body("items.widgetId",
                        equalTo(widgets));
        assertEquals(1, Db.count("SELECT count(*) FROM sync_jobs WHERE id = '" + job + "' AND failed_attempts = 3 "
                + "AND lease_owner IS NULL AND failure_reason = last_failure"), "the engine's record agrees");
        assertTrue(Sim.count(SyncJobTest.BATCH_ROUTE, "500") + Sim.count(SyncJobTest.BATCH_ROUTE, "502")
                + Sim.count(SyncJobTest.BATCH_ROUTE, "503") + Sim.count(SyncJobTest.BATCH_ROUTE, "504") >= 3,
                "each attempt called CXone");
        assertFinishedEvent(job, reason, "2");
        assertEquals(failedBefore + 1, Metrics.value(Metrics.scrape(), FINISHED, "state=\"FAILED\""));
    }

    @Test
    void aRowTheKindCannotReadEndsFailedAtOnce() {
        UUID publication = TestPublications.active("w-poison");
        String job = SyncJobs.start("", publication, List.of("poison-" + UUID.randomUUID()));
        assertEquals("SUCCEEDED", SyncJobs.await("", job).getString("state"));
        // more outcomes than widgets: no request makes such a job, and run as it is it could never end
        Db.execute("UPDATE sync_jobs SET state = 'QUEUED', finished_at = NULL, synced = total + 1 WHERE id = '" + job
                + "'");
        JsonPath done = SyncJobs.await("", job);

        assertEquals("FAILED", done.getString("state"), done.prettify());
        String reason = done.getString("failureReason");
        assertTrue(reason.contains("cannot be read") && reason.contains("2 outcomes for 1 widgets"), reason);
        assertEquals(1, Db.count("SELECT count(*) FROM sync_jobs WHERE id = '" + job + "' AND failed_attempts = 1"),
                "given up on its first claim, not retried");
        assertFinishedEvent(job, reason, "1");
    }

    /** The job's last {@code sync.finished} event: a failure by the system, with the request id and the reason. */
    private static void assertFinishedEvent(String job, String reason, String total) {
        assertEquals(1, Db.count("SELECT count(*) FROM audit_events e JOIN sync_jobs j ON j.id::text = e.job_id "
                + "WHERE e.job_id = '" + job + "' AND e.action = 'sync.finished' AND e.outcome = 'failure' "
                + "AND e.actor = 'system:cxone-theme-service' AND e.request_id IS NOT DISTINCT FROM j.request_id "
                + "AND e.publication_id = j.publication_id::text AND e.details->>'state' = 'FAILED' "
                + "AND e.details->>'total' = '" + total + "' AND e.details->>'reason' = "
                + "'" + reason.replace("'", "''") + "'"));
    }
}
