package io.cxone.themes.jobs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Metrics;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The series the dashboards and alerts read (deploy/observability) exist and move: a publication and a
 * sync job run against the simulator, and {@code /q/metrics} shows CXone attempts by operation and outcome, the
 * publication's end and activation lag, jobs by state, widget outcomes, and the audit chain's head.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class JobMetricsTest {
    private static final int WIDGETS = 120;

    @Test
    void aPublicationAndASyncJobMoveTheirSeries() {
        String before = Metrics.scrape();
        String base = "http://localhost:" + RestAssured.port;
        String draft = TestPublications.draft(base);
        String widget = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        String publication = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body(Map.of("themeId", draft)).post("/api/v1/widgets/" + widget + "/publications").then().statusCode(202)
                .extract().path("id");
        JsonPath done = Waits.until("publication " + publication + " ended", () -> given()
                .header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/publications/" + publication)
                .then().statusCode(200).extract().jsonPath(), p -> List.of("ACTIVE", "FAILED").contains(p.getString("state")));
        assertEquals("ACTIVE", done.getString("state"), done.prettify());

        List<String> widgets = IntStream.range(0, WIDGETS).mapToObj(i -> widget + "-" + i).toList();
        String job = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body(Map.of("publicationId", publication, "widgetIds", widgets, "overrideExisting", true))
                .post("/api/v1/sync-jobs").then().statusCode(202).extract().path("id");
        JsonPath synced = Waits.until("sync job " + job + " ended", () -> given()
                .header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/sync-jobs/" + job).then()
                .statusCode(200).extract().jsonPath(), v -> !List.of("QUEUED", "RUNNING").contains(v.getString("state")));
        assertEquals("SUCCEEDED", synced.getString("state"), synced.prettify());

        String after = Metrics.scrape();
        assertMoved(before, after, 1, "cxone_requests_seconds_count", "operation=\"create-theme\"", "outcome=\"success\"");
        assertMoved(before, after, 1, "cxone_requests_seconds_count", "operation=\"theme-status\"", "outcome=\"success\"");
        assertMoved(before, after, WIDGETS / 50.0, "cxone_requests_seconds_count", "operation=\"batch-sync\"",
                "outcome=\"success\"");
        assertTrue(after.contains("cxone_requests_seconds_bucket{"), "latency histograms");
        assertMoved(before, after, 1, "publications_finished_total", "state=\"ACTIVE\"");
        assertMoved(before, after, 1, "publications_activation_lag_seconds_count");
        assertMoved(before, after, WIDGETS, "sync_widgets_total", "outcome=\"synced\"");
        assertMoved(before, after, 1, "sync_finished_total", "state=\"SUCCEEDED\"");
        // the checkpointer reads the head about once a second
        Waits.until("the audit head gauge counts the events", Metrics::scrape,
                m -> Metrics.value(m, "audit_head_sequence") >= 2 + WIDGETS);
        assertTrue(after.contains("audit_checkpoint_unanchored_events") && after.contains("audit_checkpoint_age_seconds"));
        assertEquals(1.0, Metrics.value(after, "db_embedded"), "the test application runs on the embedded PostgreSQL");
        // states are counted in the database every 15 s
        Waits.until("jobs by state from the database", Metrics::scrape,
                m -> Metrics.value(m, "publications_jobs", "state=\"ACTIVE\"") >= 1
                        && Metrics.value(m, "sync_jobs", "state=\"SUCCEEDED\"") >= 1);
        assertFalse(after.contains(widget), "no widget id in any series");
        assertFalse(after.contains(publication) || after.contains(job), "no job id in any series");
    }

    private static void assertMoved(String before, String after, double by, String name, String... tags) {
        double was = Metrics.value(before, name, tags);
        double is = Metrics.value(after, name, tags);
        assertTrue(is - was >= by, name + " " + List.of(tags) + " moved from " + was + " to " + is + ", expected +" + by);
    }
}
