package io.cxone.themes.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.Waits;
import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Migrations once per release: the packaged jar with APP_MIGRATE=check against a database one migration behind is
 * live but not ready, and says which version it needs and what to do; the release's migration (the same jar with
 * APP_MIGRATE=only) brings it up and the waiting replica becomes ready without a restart. The replica never loads
 * Flyway, the JDBC driver or a JDBC pool.
 */
class MigrationModesIT {
    private static final Pattern JDBC_STACK = Pattern.compile("org\\.flywaydb\\.|org\\.postgresql\\.|io\\.agroal\\.|com\\.arjuna\\.");

    @Test
    void aReplicaBehindTheSchemaIsNotReadyUntilTheReleaseMigrationRuns() throws Exception {
        try (EmbeddedPostgres db = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(120)).start()) {
            String previous = String.valueOf(Schema.REQUIRED_VERSION - 1);
            // what the previous release left: every migration but the newest
            Flyway.configure().dataSource(db.getJdbcUrl("postgres", "postgres"), "postgres", "")
                    .locations("classpath:db/migration").target(previous).load().migrate();

            Map<String, String> database = Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + db.getPort() + "/postgres",
                    "quarkus.datasource.username", "postgres");
            Map<String, String> replica = new HashMap<>(ServiceProcess.trustingTestTokens());
            replica.putAll(database);
            replica.put("app.migrate", "check");
            Path classes = Path.of("target/migration-modes-it-classes.log");
            Files.deleteIfExists(classes);
            try (ServiceProcess service = ServiceProcess.start("migration-modes-it", replica,
                    List.of("-Xlog:class+load:file=" + classes))) {
                JsonPath behind = ready(service);
                assertEquals(503, behind.getInt("httpStatus"), behind.prettify());
                assertEquals("DOWN", behind.getString("checks.find { it.name == 'schema' }.status"), behind.prettify());
                assertEquals(previous, behind.getString("checks.find { it.name == 'schema' }.data.found"));
                assertEquals(String.valueOf(Schema.REQUIRED_VERSION),
                        behind.getString("checks.find { it.name == 'schema' }.data.required"));
                assertTrue(behind.getString("checks.find { it.name == 'schema' }.data.action").contains("APP_MIGRATE=only"),
                        behind.prettify());
                assertFalse(service.log().contains("starting what waited"), service.log());

                Map<String, String> migration = new HashMap<>(database);
                migration.put("app.migrate", "only");
                ServiceProcess.Finished migrated = ServiceProcess.run(migration);
                assertEquals(0, migrated.exitCode(), migrated.output());
                assertTrue(migrated.output().contains("from version " + previous + " to " + Schema.REQUIRED_VERSION),
                        migrated.output());
                ServiceProcess.Finished again = ServiceProcess.run(migration);
                assertEquals(0, again.exitCode(), again.output());
                assertTrue(again.output().contains("nothing to migrate"), again.output());

                JsonPath current = Waits.until("the replica ready once the schema is current", () -> ready(service),
                        r -> r.getInt("httpStatus") == 200);
                assertEquals(String.valueOf(Schema.REQUIRED_VERSION),
                        current.getString("checks.find { it.name == 'schema' }.data.found"));
                Waits.until("jobs and checkpoints started after the wait", () -> service.log().contains("starting what waited"));
                assertFalse(service.log().contains(" ERROR "), "nothing failed on a missing table:\n" + service.log());
            }
            List<String> jdbc = Files.readAllLines(classes).stream().filter(l -> JDBC_STACK.matcher(l).find()).toList();
            assertEquals(List.of(), jdbc.subList(0, Math.min(5, jdbc.size())),
                    "a replica (APP_MIGRATE=check) loads no Flyway, JDBC driver or JDBC pool class");
        }
    }

    @Test
    void aFailedMigrationExitsWithOneAndSaysWhyWithoutThePassword() {
        int nothingListens = ServiceProcess.freePort();
        ServiceProcess.Finished failed = ServiceProcess.run(Map.of("app.migrate", "only",
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + nothingListens + "/postgres",
                "quarkus.datasource.username", "svc", "quarkus.datasource.password", "never-printed-7f3a"));
        assertEquals(1, failed.exitCode(), failed.output());
        assertTrue(failed.output().contains("APP_MIGRATE=only FAILED"), failed.output());
        assertTrue(failed.output().contains("run the migration again"), failed.output());
        assertFalse(failed.output().contains("never-printed-7f3a"), failed.output());

        ServiceProcess.Finished nowhere = ServiceProcess.run(Map.of("app.migrate", "only",
                "app.embedded-db.dir", "target/migration-modes-it-unused"));
        assertEquals(1, nowhere.exitCode(), nowhere.output());
        assertTrue(nowhere.output().contains("QUARKUS_DATASOURCE_REACTIVE_URL"), nowhere.output());
    }

    /** GET /q/health/ready: its JSON with the status code added as {@code httpStatus}. */
    private static JsonPath ready(ServiceProcess service) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(service.url("/q/health/ready"))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new JsonPath("{\"httpStatus\":" + r.statusCode() + "," + r.body().strip().substring(1));
    }
}
