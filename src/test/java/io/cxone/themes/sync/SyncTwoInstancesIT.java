package io.cxone.themes.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Db;
import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.Waits;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Two service instances on one database share the queue: each job is worked by one of them at a time, so no batch is
 * ever sent twice (the simulator accepts exactly one call per batch) and every widget is applied once.
 */
class SyncTwoInstancesIT {
    private static final Path SIM_DATA = Path.of("target/sync-two-sim-pg");
    private static final Path DATA = Path.of("target/sync-two-pg");
    private static final int JOBS = 3;
    private static final int WIDGETS = 1_000;

    @Test
    void twoInstancesNeverWorkOnTheSameBatch() throws Exception {
        deleteRecursively(SIM_DATA);
        deleteRecursively(DATA);
        Map<String, String> simProps = new HashMap<>(ServiceProcess.trustingTestTokens());
        simProps.put("app.embedded-db.dir", SIM_DATA.toString());
        try (ServiceProcess sim = ServiceProcess.start("sync-two-sim", simProps)) {
            // while the simulator's clock stands still its rate limit lets 10 batch calls through and then answers 429
            // (Retry-After 5 s): no job of 20 batches can finish, so the instance holding the first one is busy when the
            // second is queued, and the other instance must take it, however the two are scheduled on this machine
            Sim.freezeClock(sim.url(""));
            Sim.admin().contentType(ContentType.JSON).body(Map.of("ratePerSecond", 10, "maxBatchSize", 50, "retryAfterSeconds", 5))
                    .put(sim.url(Sim.ADMIN + "/faults")).then().statusCode(200);
            Map<String, String> props = new HashMap<>(ServiceProcess.trustingTestTokens());
            props.put("cxone.base-url", sim.url(Sim.BASE));
            props.put("app.sync.rate", "10");
            Map<String, String> first = new HashMap<>(props);
            first.put("app.embedded-db.dir", DATA.toString());
            try (ServiceProcess a = ServiceProcess.start("sync-two-a", first)) {
                int port = Integer.parseInt(Files.readAllLines(DATA.resolve("postmaster.pid")).get(3).strip());
                Map<String, String> second = new HashMap<>(props);
                second.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/postgres");
                second.put("quarkus.datasource.username", "postgres");
                second.put("quarkus.datasource.password", Db.secretOf(DATA)); // the first one's embedded server asks for it
                try (ServiceProcess b = ServiceProcess.start("sync-two-b", second)) {
                    UUID publication = publication(sim, a);
                    List<String> jobs = new ArrayList<>();
                    List<String> all = new ArrayList<>();
                    for (int j = 0; j < JOBS; j++) {
                        int job = j;
                        List<String> widgets = IntStream.range(0, WIDGETS).mapToObj(i -> "two-" + job + "-" + i).toList();
                        all.addAll(widgets);
                        jobs.add(SyncJobs.start((j % 2 == 0 ? a : b).url(""), publication, widgets));
                    }
                    Waits.until("both instances working on a job",
                            () -> a.log().contains(": working on it") && b.log().contains(": working on it"));
                    Sim.admin().contentType(ContentType.JSON).body(Map.of("ratePerSecond", 40, "maxBatchSize", 50))
                            .put(sim.url(Sim.ADMIN + "/faults")).then().statusCode(200);
                    Sim.runClock(sim.url(""));
                    for (String job : jobs) {
                        JsonPath done = SyncJobs.await(b.url(""), job);
                        assertEquals("SUCCEEDED", done.getString("state"), done.prettify());
                        assertEquals(WIDGETS, done.getInt("synced"), done.prettify());
                    }
                    Map<String, Object> stats = Sim.admin().get(sim.url(Sim.ADMIN + "/stats")).then().statusCode(200)
                            .extract().jsonPath().getMap("$");
                    @SuppressWarnings("unchecked")
                    Map<String, Number> applied = (Map<String, Number>) stats.get("batchSyncApplicationsPerWidget");
                    for (String w : all) {
                        assertEquals(1, applied.getOrDefault(w, 0).intValue(), w + " applied exactly once");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Map<String, Number>> requests = (Map<String, Map<String, Number>>) stats.get("requests");
                    assertEquals(JOBS * WIDGETS / 50, requests.get(SyncJobTest.BATCH_ROUTE).get("200").longValue(),
                            "exactly one accepted call per batch: no batch was sent by both instances");
                    assertTrue(a.log().contains(": working on it") && b.log().contains(": working on it"),
                            "both instances took jobs from the shared queue");
                }
            }
        }
    }

    private static UUID publication(ServiceProcess sim, ServiceProcess service) throws SQLException {
        String draft = TestPublications.draft(service.url(""));
        try (Connection c = TestPublications.connectToDataDir(DATA)) {
            return TestPublications.activeInSimulator(sim.url(""), c, "two-home", draft);
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
