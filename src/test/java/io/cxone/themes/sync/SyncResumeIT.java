package io.cxone.themes.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Crash recovery with real processes: a standalone simulator outlives the service, which is killed (SIGKILL) in the
 * middle of a 3,000-widget job and restarted on the same database. The job finishes; the simulator saw every widget
 * applied exactly once, and only the batches in flight at the kill were sent again.
 */
class SyncResumeIT {
    private static final Path SIM_DATA = Path.of("target/sync-it-sim-pg");
    private static final Path DATA = Path.of("target/sync-it-pg");
    private static final int WIDGETS = 3_000;
    private static final int IN_FLIGHT = 4;

    @Test
    void aJobKilledMidRunResumesWithoutLosingOrRepeatingWidgets() throws Exception {
        deleteRecursively(SIM_DATA);
        deleteRecursively(DATA);
        Map<String, String> simProps = new HashMap<>(ServiceProcess.trustingTestTokens());
        simProps.put("app.embedded-db.dir", SIM_DATA.toString());
        try (ServiceProcess sim = ServiceProcess.start("sync-it-sim", simProps)) {
            Sim.freezeClock(sim.url(""));
            Map<String, String> props = new HashMap<>(ServiceProcess.trustingTestTokens());
            props.put("app.embedded-db.dir", DATA.toString());
            props.put("cxone.base-url", sim.url(Sim.BASE));
            props.put("app.jobs.sync.lease", "3s");
            props.put("app.sync.rate", "10");
            props.put("app.sync.in-flight", String.valueOf(IN_FLIGHT));
            List<String> widgets = IntStream.range(0, WIDGETS).mapToObj(i -> "resume-" + i).toList();
            String job;
            try (ServiceProcess first = ServiceProcess.start("sync-it-1", props)) {
                UUID publication = publication(sim, first);
                // the simulator's clock stands still, so its rate limit (fresh buckets from here on) hands out at most
                // 20 batch calls (1,000 widgets) and then answers 429 (Retry-After 10 s) until the clock runs again:
                // the kill is certain to come mid-job
                Sim.admin().contentType(ContentType.JSON)
                        .body(Map.of("ratePerSecond", 20, "maxBatchSize", 50, "retryAfterSeconds", 10))
                        .put(sim.url(Sim.ADMIN + "/faults")).then().statusCode(200);
                job = SyncJobs.start(first.url(""), publication, widgets);
                JsonPath view = Waits.until("500 widgets synced", () -> SyncJobs.get(first.url(""), job),
                        v -> v.getInt("synced") >= 500);
                first.kill();
                assertTrue(view.getInt("pending") > 1_000, "killed mid-job: " + view.prettify());
            }
            Sim.admin().contentType(ContentType.JSON).body(Map.of("ratePerSecond", 20, "maxBatchSize", 50))
                    .put(sim.url(Sim.ADMIN + "/faults")).then().statusCode(200);
            Sim.runClock(sim.url(""));
            try (ServiceProcess second = ServiceProcess.start("sync-it-2", props)) {
                JsonPath done = SyncJobs.await(second.url(""), job);
                assertEquals("SUCCEEDED", done.getString("state"), done.prettify());
                assertEquals(WIDGETS, done.getInt("synced") + done.getInt("skipped"), done.prettify());
                // at the kill, up to IN_FLIGHT calls were in flight and up to IN_FLIGHT answers were being recorded
                assertTrue(done.getInt("skipped") <= 2 * IN_FLIGHT * 50, "only in-flight batches come back as SKIPPED");
                assertTrue(second.log().contains("sync job " + job + ": working on it"), second.log());

                Map<String, Object> stats = Sim.admin().get(sim.url(Sim.ADMIN + "/stats")).then().statusCode(200)
                        .extract().jsonPath().getMap("$");
                @SuppressWarnings("unchecked")
                Map<String, Number> applied = (Map<String, Number>) stats.get("batchSyncApplicationsPerWidget");
                for (String w : widgets) {
                    assertEquals(1, applied.getOrDefault(w, 0).intValue(), w + " applied exactly once, none lost");
                }
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Number>> requests = (Map<String, Map<String, Number>>) stats.get("requests");
                long accepted = requests.get(SyncJobTest.BATCH_ROUTE).get("200").longValue();
                assertTrue(accepted <= WIDGETS / 50 + 2 * IN_FLIGHT, "batches recorded as done were not sent again: "
                        + accepted + " accepted calls for " + WIDGETS / 50 + " batches");
                try (Connection c = TestPublications.connectToDataDir(DATA)) {
                    assertEquals(WIDGETS, count(c, "SELECT count(*) FROM audit_events WHERE action = 'sync.widget' "
                            + "AND job_id = '" + job + "'"), "one outcome event per widget");
                }
                given().header("Authorization", TestTokens.bearer(Roles.AUDITOR)).get(second.url("/api/v1/audit/verify"))
                        .then().statusCode(200).body("valid", equalTo(true));
            }
        }
    }

    /** A draft in the service, a theme for it in the standalone simulator, and the ACTIVE publication row. */
    private static UUID publication(ServiceProcess sim, ServiceProcess service) throws SQLException {
        String draft = TestPublications.draft(service.url(""));
        try (Connection c = TestPublications.connectToDataDir(DATA)) {
            return TestPublications.activeInSimulator(sim.url(""), c, "resume-home", draft);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
