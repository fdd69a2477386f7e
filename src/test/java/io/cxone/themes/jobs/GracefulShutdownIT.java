package io.cxone.themes.jobs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Graceful shutdown and API-only replicas, with real processes on one PostgreSQL: an API instance with
 * {@code app.jobs=off} queues a publication and a sync job; worker A runs both until CXone stalls them (the
 * simulator's clock stands still); worker B starts and cannot take them (A's leases last ten minutes). A gets SIGTERM:
 * it exits cleanly having released both leases, so B resumes both at once — not after the lease, which would outlast
 * this test's patience — and every CXone effect happens exactly once.
 */
class GracefulShutdownIT {
    private static final Pattern OWNER = Pattern.compile("Jobs run here as (instance-[0-9a-f-]+)");
    private static final int WIDGETS = 1_000;

    @Test
    void aStoppedWorkerHandsItsJobsOverAtOnceAndAnApiReplicaRunsNone() throws Exception {
        try (EmbeddedPostgres db = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start()) {
            Map<String, String> simProps = new HashMap<>(ServiceProcess.trustingTestTokens());
            simProps.put("app.embedded-db.dir", "target/graceful-it-sim-pg-" + UUID.randomUUID().toString().substring(0, 8));
            try (ServiceProcess sim = ServiceProcess.start("graceful-it-sim", simProps);
                    ServiceProcess api = ServiceProcess.start("graceful-it-api", jsonLogs(service(sim, db, "off")));
                    ServiceProcess a = ServiceProcess.start("graceful-it-a", slowSync(service(sim, db, "on")))) {
                assertTrue(api.log().contains("Jobs are off here (APP_JOBS=off)"), api.log());
                String ownerA = owner(a);
                // the simulator's clock stands still, so the activation never completes; A sends one batch per 1,000 s,
                // so after its first batch it holds the sync job, idle, far beyond this test's patience
                Sim.freezeClock(sim.url(""));
                Sim.admin().contentType(ContentType.JSON).body(Map.of("activationDelayMs", 60_000, "ratePerSecond", 1000,
                        "maxBatchSize", 50)).put(sim.url(Sim.ADMIN + "/faults")).then().statusCode(200);

                String draft = TestPublications.draft(api.url(""));
                String widget = "w-graceful-" + UUID.randomUUID().toString().substring(0, 6);
                String publication = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER))
                        .contentType(ContentType.JSON).body(Map.of("themeId", draft))
                        .post(api.url("/api/v1/widgets/" + widget + "/publications")).then().statusCode(202)
                        .extract().path("id");
                List<String> widgets = IntStream.range(0, WIDGETS).mapToObj(i -> "graceful-" + i).toList();
                String job = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                        .body(Map.of("publicationId", activePublication(sim, db, draft), "widgetIds", widgets,
                                "overrideExisting", false))
                        .post(api.url("/api/v1/sync-jobs")).then().statusCode(202).extract().path("id");
                awaitState(api, publication, "SUBMITTED", "ACTIVATING"); // submitted, waiting for CXone to activate
                Waits.until("A's first batch recorded", () -> given().header("Authorization", TestTokens.bearer(Roles.VIEWER))
                        .get(api.url("/api/v1/sync-jobs/" + job)).then().statusCode(200).extract().jsonPath(),
                        v -> v.getInt("synced") == 50);
                assertEquals(List.of(ownerA, ownerA), leaseOwners(db, publication, job), "A holds both jobs");

                Map<String, String> fast = service(sim, db, "on");
                fast.put("app.sync.rate", "50");
                try (ServiceProcess b = ServiceProcess.start("graceful-it-b", fast)) {
                    String ownerB = owner(b);
                    a.stop();
                    // 143: the JVM ended on SIGTERM after its shutdown hooks ran (128 + 15); 0 if the runtime exits itself
                    assertTrue(Set.of(0, 143).contains(a.exitCode()), "exit code " + a.exitCode() + "\n" + a.log());
                    assertTrue(a.log().contains("Released 1 publication job(s) on shutdown"), a.log());
                    assertTrue(a.log().contains("sync job " + job + ": handed back (shutting down)"), a.log());
                    assertTrue(leaseOwners(db, publication, job).stream().noneMatch(ownerA::equals),
                            "nothing is still leased by the stopped instance");

                    Sim.admin().contentType(ContentType.JSON).body(Map.of("activationDelayMs", 0, "ratePerSecond", 1000,
                            "maxBatchSize", 50)).put(sim.url(Sim.ADMIN + "/faults")).then().statusCode(200);
                    Sim.runClock(sim.url(""));
                    JsonPath done = awaitState(api, publication, "ACTIVE", "FAILED");
                    assertEquals("ACTIVE", done.getString("state"), done.prettify());
                    assertEquals(1, done.getInt("attempts"), "submitted once: B resumed polling, it did not resubmit");
                    JsonPath synced = Waits.until("sync job " + job + " finished", () -> given()
                            .header("Authorization", TestTokens.bearer(Roles.VIEWER)).get(api.url("/api/v1/sync-jobs/" + job))
                            .then().statusCode(200).extract().jsonPath(), v -> !"RUNNING".equals(v.getString("state"))
                                    && !"QUEUED".equals(v.getString("state")));
                    assertEquals("SUCCEEDED", synced.getString("state"), synced.prettify());
                    assertEquals(WIDGETS, synced.getInt("synced"), synced.prettify());
                    assertTrue(b.log().contains("sync job " + job + ": working on it as " + ownerB), b.log());

                    Map<String, Object> stats = Sim.admin().get(sim.url(Sim.ADMIN + "/stats")).then().statusCode(200)
                            .extract().jsonPath().getMap("$");
                    @SuppressWarnings("unchecked")
                    Map<String, Number> applied = (Map<String, Number>) stats.get("batchSyncApplicationsPerWidget");
                    for (String w : widgets) {
                        assertEquals(1, applied.getOrDefault(w, 0).intValue(), w + " applied exactly once");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Number> themes = (Map<String, Number>) stats.get("themesPerWidget");
                    assertEquals(1, themes.get(widget).intValue(), "exactly one theme created in CXone");
                    assertEquals(List.of(ownerA, ownerB), query(db, "SELECT details->>'instance' FROM audit_events "
                            + "WHERE publication_id = ? AND action IN ('publication.submitted', 'publication.activated') "
                            + "ORDER BY seq", publication), "A submitted, B activated; the API replica ran no step");
                    everyLineIsJsonWithoutSecrets(api.log());
                }
            }
        }
    }

    private static Map<String, String> service(ServiceProcess sim, EmbeddedPostgres db, String jobs) {
        Map<String, String> props = new HashMap<>(ServiceProcess.trustingTestTokens());
        props.put("cxone.base-url", sim.url(Sim.BASE));
        props.put("quarkus.datasource.reactive.url", "postgresql://localhost:" + db.getPort() + "/postgres");
        props.put("quarkus.datasource.username", "postgres");
        props.put("app.jobs", jobs);
        // leases far longer than this test's patience: only a release can hand a job over in time
        props.put("app.publish.lease", "10m");
        props.put("app.sync.lease", "10m");
        return props;
    }

    /** The Kubernetes ConfigMap's QUARKUS_LOG_CONSOLE_JSON=true (as a system property: same config key). */
    private static Map<String, String> jsonLogs(Map<String, String> props) {
        props.put("QUARKUS_LOG_CONSOLE_JSON", "true");
        return props;
    }

    /** Log shippers read one JSON object per line; no token or Authorization header ever reaches a line. */
    private static void everyLineIsJsonWithoutSecrets(String log) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = log.lines().toList();
        assertTrue(lines.size() > 10, log);
        for (String line : lines) {
            JsonNode record = json.readTree(line);
            assertTrue(record.hasNonNull("message") && record.hasNonNull("level") && record.hasNonNull("timestamp"), line);
            assertTrue(!line.contains("Bearer ey") && !line.contains("eyJ") && !line.contains("sim-secret"), line);
        }
    }

    /** One batch-sync call per 1,000 s: the first goes at once, then the job is held, idle, by this instance. */
    private static Map<String, String> slowSync(Map<String, String> props) {
        props.put("app.sync.rate", "0.001");
        props.put("app.sync.in-flight", "1");
        return props;
    }

    private static String owner(ServiceProcess service) {
        Matcher m = OWNER.matcher(service.log());
        assertTrue(m.find(), service.log());
        return m.group(1);
    }

    private static JsonPath awaitState(ServiceProcess service, String id, String... states) {
        return Waits.until("publication " + id + " in " + List.of(states), () -> given()
                .header("Authorization", TestTokens.bearer(Roles.VIEWER)).get(service.url("/api/v1/publications/" + id))
                .then().statusCode(200).extract().jsonPath(), p -> List.of(states).contains(p.getString("state")));
    }

    private static List<String> leaseOwners(EmbeddedPostgres db, String publication, String job) throws SQLException {
        List<String> owners = new ArrayList<>();
        owners.addAll(query(db, "SELECT lease_owner FROM publications WHERE id = ?::uuid", publication));
        owners.addAll(query(db, "SELECT lease_owner FROM sync_jobs WHERE id = ?::uuid", job));
        return owners;
    }

    private static List<String> query(EmbeddedPostgres db, String sql, String parameter) throws SQLException {
        try (Connection c = connect(db)) {
            return Db.strings(c, sql, parameter);
        }
    }

    /** A theme in the simulator and an ACTIVE publication of it, for the sync job to spread. */
    private static String activePublication(ServiceProcess sim, EmbeddedPostgres db, String draft) throws SQLException {
        try (Connection c = connect(db)) {
            return TestPublications.activeInSimulator(sim.url(""), c, "graceful-home", draft).toString();
        }
    }

    private static Connection connect(EmbeddedPostgres db) throws SQLException {
        return DriverManager.getConnection(db.getJdbcUrl("postgres", "postgres"));
    }
}
