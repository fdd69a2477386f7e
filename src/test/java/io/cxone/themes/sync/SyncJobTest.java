package io.cxone.themes.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Sync jobs end to end: the simulator with faults and limits, PostgreSQL, the audit trail. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class SyncJobTest {
    static final String BATCH_ROUTE = "POST /api/v1/omnichannel/webmessaging/widgets/batch-sync";

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    static List<String> widgets(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    @Test
    void fiveThousandWidgetsUnderThrottlingAndErrorsAreEachSyncedOnce() {
        String prefix = "fleet-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        UUID publication = TestPublications.active(prefix + "home");
        // seeded: the same fault sequence every run, so "faults were injected" never depends on luck
        Sim.faults(Map.of("throttleRate", 0.05, "errorRate", 0.05, "ratePerSecond", 100, "maxBatchSize", 50, "seed", 11));
        List<String> ids = widgets(prefix, 5_000);
        var created = SyncJobs.create("", Roles.PUBLISHER, publication, ids, false).statusCode(202)
                .body("state", equalTo("QUEUED")).body("total", equalTo(5_000)).extract();
        String job = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/v1/sync-jobs/" + job), created.header("Location"));
        JsonPath done = SyncJobs.await("", job);

        assertEquals("SUCCEEDED", done.getString("state"), done.prettify());
        assertEquals(5_000, done.getInt("synced"));
        assertEquals(0, done.getInt("pending") + done.getInt("failed") + done.getInt("skipped"));
        assertTrue(done.getDouble("rate") > 0, done.prettify());
        @SuppressWarnings("unchecked")
        Map<String, Number> applied = (Map<String, Number>) Sim.stats().get("batchSyncApplicationsPerWidget");
        for (String id : ids) {
            assertEquals(1, applied.getOrDefault(id, 0).intValue(), id + " applied exactly once");
        }
        assertEquals(100, Sim.count(BATCH_ROUTE, "200"), "one accepted call per batch of 50");
        long faults = Sim.count(BATCH_ROUTE, "429") + Sim.count(BATCH_ROUTE, "500") + Sim.count(BATCH_ROUTE, "502")
                + Sim.count(BATCH_ROUTE, "503") + Sim.count(BATCH_ROUTE, "504");
        assertTrue(faults > 0, "the faults were injected and retried");
        // how fast: bench/sync-rate.sh and docs/benchmarks.md, not this test
        assertEquals(5_000, Db.count("SELECT count(*) FROM audit_events WHERE action = 'sync.widget' AND job_id = '" + job + "'"));
        assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE action = 'sync.created' AND job_id = '" + job
                + "' AND (details->>'total')::int = 5000"));
        assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE action = 'sync.finished' AND job_id = '" + job
                + "' AND (details->>'synced')::int = 5000 AND details->>'state' = 'SUCCEEDED'"));
    }

    @Test
    void missingWidgetsFailWithTheirReasonWhileTheRestSucceed() {
        String prefix = "part-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        UUID publication = TestPublications.active(prefix + "home");
        List<String> ids = new ArrayList<>(widgets(prefix, 113));
        List<String> missing = widgets("missing-" + prefix, 7);
        for (int i = 0; i < missing.size(); i++) {
            ids.add(i * 15, missing.get(i));
        }
        String job = SyncJobs.start("", publication, ids);
        JsonPath done = SyncJobs.await("", job);
        assertEquals("COMPLETED_WITH_FAILURES", done.getString("state"), done.prettify());
        assertEquals(113, done.getInt("synced"));
        assertEquals(7, done.getInt("failed"));

        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).queryParam("status", "FAILED")
                .get("/api/v1/sync-jobs/" + job + "/items").then().statusCode(200).body("totalItems", equalTo(7))
                .body("items.widgetId", equalTo(missing)).body("items.reason", everyItem(equalTo("widget not found")));
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).queryParam("status", "SYNCED")
                .queryParam("size", 50).queryParam("page", 3).get("/api/v1/sync-jobs/" + job + "/items").then()
                .statusCode(200).body("totalItems", equalTo(113)).body("items", hasSize(13))
                .body("page", equalTo(3)).body("pageSize", equalTo(50));
        assertEquals(7, Db.count("SELECT count(*) FROM audit_events WHERE action = 'sync.widget' AND job_id = '" + job
                + "' AND outcome = 'failure' AND details->>'reason' = 'widget not found'"));

        // every widget failing is a FAILED job; a second run over synced widgets skips them all
        String allMissing = SyncJobs.start("", publication, missing);
        assertEquals("FAILED", SyncJobs.await("", allMissing).getString("state"));
        String again = SyncJobs.start("", publication, ids.subList(0, 14).stream().filter(w -> !w.startsWith("missing-")).toList());
        JsonPath skipped = SyncJobs.await("", again);
        assertEquals("SUCCEEDED", skipped.getString("state"));
        assertEquals(13, skipped.getInt("skipped"));
    }

    @Test
    void aBatchCxoneRejectsMarksItsWidgetsFailedWithTheReason() {
        Sim.faults(Map.of("activationDelayMs", 0, "activationFailRate", 1.0));
        UUID publication = TestPublications.active("w-rejected"); // its CXone theme failed activation
        Sim.faults(Map.of());
        List<String> ids = widgets("rej-" + UUID.randomUUID().toString().substring(0, 8) + "-", 60);
        String job = SyncJobs.start("", publication, ids);
        JsonPath done = SyncJobs.await("", job);
        assertEquals("FAILED", done.getString("state"), done.prettify());
        assertEquals(60, done.getInt("failed"));
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).queryParam("status", "FAILED")
                .get("/api/v1/sync-jobs/" + job + "/items").then().statusCode(200).body("totalItems", equalTo(60))
                .body("items.reason", everyItem(containsString("failed activation")));
        assertEquals(2, Sim.count(BATCH_ROUTE, "400"), "a 400 is not retried: one call per batch");
        assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE action = 'sync.finished' AND job_id = '" + job
                + "' AND outcome = 'failure' AND (details->>'failed')::int = 60"));
    }

    @Test
    void widgetIdsAreValidated() {
        UUID publication = TestPublications.active("w-valid");
        SyncJobs.create("", Roles.PUBLISHER, publication, List.of(), false).statusCode(400)
                .contentType("application/problem+json").body("errors[0].path", equalTo("widgetIds"));
        SyncJobs.create("", Roles.PUBLISHER, publication, widgets("w", 100_001), false).statusCode(400)
                .body("errors[0].path", equalTo("widgetIds")).body("detail", containsString("100000"));
        SyncJobs.create("", Roles.PUBLISHER, publication, List.of("ok-1", "ok-2", "bad id", "ok-3", "/etc"), false)
                .statusCode(400).body("errors.path", equalTo(List.of("widgetIds[2]", "widgetIds[4]")));
        String job = SyncJobs.create("", Roles.PUBLISHER, publication, List.of("d-1", "d-2", "d-1", "d-3", "d-2"), false)
                .statusCode(202).body("total", equalTo(3)).extract().path("id");
        SyncJobs.await("", job);
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/sync-jobs/" + job + "/items")
                .then().body("items.widgetId", equalTo(List.of("d-1", "d-2", "d-3")));
        assertEquals(0, Db.count("SELECT count(*) FROM sync_items WHERE widget_id = 'bad id'"), "nothing was queued");
    }

    @Test
    void thePublicationMustBeActive() {
        UUID submitted = TestPublications.create("w-sub", "SUBMITTED");
        SyncJobs.create("", Roles.PUBLISHER, submitted, List.of("w-1"), false).statusCode(400)
                .body("errors[0].path", equalTo("publicationId")).body("errors[0].message", containsString("SUBMITTED"));
        SyncJobs.create("", Roles.PUBLISHER, UUID.randomUUID(), List.of("w-1"), false).statusCode(400)
                .body("errors[0].code", equalTo("not_found"));
    }

    @Test
    void progressStreamsAsServerSentEventsUntilTheEnd() {
        UUID publication = TestPublications.active("w-sse");
        String job = SyncJobs.start("", publication, widgets("sse-" + UUID.randomUUID() + "-", 400));
        String stream = given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).accept("text/event-stream")
                .get("/api/v1/sync-jobs/" + job + "/events").then().statusCode(200).extract().asString();
        List<JsonPath> events = stream.lines().filter(l -> l.startsWith("data:"))
                .map(l -> new JsonPath(l.substring(5).strip())).toList();
        assertTrue(!events.isEmpty(), stream);
        JsonPath last = events.get(events.size() - 1);
        assertEquals("SUCCEEDED", last.getString("state"), stream);
        assertEquals(400, last.getInt("synced"));
        assertEquals(1, events.stream().filter(e -> !List.of("QUEUED", "RUNNING").contains(e.getString("state"))).count(),
                "exactly one terminal event, and it is the last");
    }

    @Test
    void rolesAreEnforced() {
        UUID publication = TestPublications.active("w-roles");
        SyncJobs.create("", Roles.EDITOR, publication, List.of("w-1"), false).statusCode(403);
        SyncJobs.create("", Roles.VIEWER, publication, List.of("w-1"), false).statusCode(403);
        given().contentType("application/json").body("{}").post("/api/v1/sync-jobs").then().statusCode(401);
        String job = SyncJobs.start("", publication, List.of("w-roles-1"));
        given().header("Authorization", TestTokens.bearer(Roles.AUDITOR)).get("/api/v1/sync-jobs/" + job).then().statusCode(403);
        given().get("/api/v1/sync-jobs/" + job).then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).get("/api/v1/sync-jobs/" + job).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/sync-jobs/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        SyncJobs.await("", job);
    }
}
