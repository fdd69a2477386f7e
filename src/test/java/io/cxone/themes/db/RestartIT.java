package io.cxone.themes.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged service on its zero-configuration embedded PostgreSQL, stopped and killed between writes: drafts,
 * versions and the audit chain are all still there and the chain still verifies. The server asks for its password
 * throughout, and the checkpoint signing key generated at first start is kept and used again.
 */
class RestartIT {
    /** The service's data directory holds the database's (pg) and the generated checkpoint signing key. */
    private static final Path DATA = Path.of("target/restart-it/pg");

    @Test
    void draftsVersionsAndTheChainSurviveAStopAndAKill() throws IOException {
        deleteRecursively(DATA.getParent());
        Map<String, String> props = new HashMap<>(ServiceProcess.trustingTestTokens());
        props.put("app.embedded-db.dir", DATA.toString());
        props.put("app.audit.checkpoint.events", "1"); // the timer signs a checkpoint after every append
        String id;
        long events;
        String keyId;
        try (ServiceProcess first = ServiceProcess.start("restart-it-1", props)) {
            assertTrue(first.log().contains("Using the embedded PostgreSQL"), first.log());
            assertTrue(first.log().contains("Generated the audit checkpoint signing key"), first.log());
            assertPasswordRequired();
            id = editor().body(SampleThemes.enterpriseDarkModeJson()).post(first.url("/api/v1/themes"))
                    .then().statusCode(201).extract().path("id");
            Map<String, Object> changed = SampleThemes.enterpriseDarkModeJson();
            changed.put("borderRadiusPx", 4);
            editor().header("If-Match", "\"v1\"").body(changed).put(first.url("/api/v1/themes/" + id)).then().statusCode(200);
            events = verify(first);
            long head = events;
            Waits.until("a signed checkpoint of the head", () -> checkpoints(first),
                    page -> page.getInt("totalItems") > 0 && page.getLong("items[0].seq") == head);
            keyId = checkpoints(first).getString("keyId");
            first.stop();
        }
        try (ServiceProcess second = ServiceProcess.start("restart-it-2", props)) {
            assertFalse(second.log().contains("Generated the audit checkpoint signing key"), second.log());
            assertEquals(keyId, checkpoints(second).getString("keyId"), "the key generated at first start is kept");
            assertState(second, id, events);
            Map<String, Object> changed = SampleThemes.enterpriseDarkModeJson();
            changed.put("borderRadiusPx", 6);
            editor().header("If-Match", "\"v2\"").body(changed).put(second.url("/api/v1/themes/" + id)).then().statusCode(200);
            events = verify(second);
            second.kill(); // no shutdown hooks: the embedded server is left running, orphaned
        }
        try (ServiceProcess third = ServiceProcess.start("restart-it-3", props)) {
            assertPasswordRequired(); // also on the server adopted after the kill
            assertEquals(events, verify(third));
            given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get(third.url("/api/v1/themes/" + id + "/versions"))
                    .then().statusCode(200).body("version", equalTo(List.of(1, 2, 3)));
        }
    }

    private static void assertState(ServiceProcess service, String id, long events) {
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get(service.url("/api/v1/themes/" + id))
                .then().statusCode(200).header("ETag", "\"v2\"").body("theme.borderRadiusPx", equalTo(4));
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get(service.url("/api/v1/themes/" + id + "/versions"))
                .then().statusCode(200).body("version", equalTo(List.of(1, 2)));
        assertEquals(events, verify(service));
    }

    private static JsonPath checkpoints(ServiceProcess service) {
        return given().header("Authorization", TestTokens.bearer(Roles.AUDITOR))
                .get(service.url("/api/v1/audit/checkpoints")).then().statusCode(200).extract().jsonPath();
    }

    /** The embedded server refuses a connection without its password (it used to trust every local one). */
    private static void assertPasswordRequired() throws IOException {
        int port = Integer.parseInt(Files.readAllLines(DATA.resolve("postmaster.pid")).get(3).strip());
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager
                .getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "").close());
        assertTrue(refused.getMessage().contains("password"), refused.getMessage());
    }

    private static long verify(ServiceProcess service) {
        return given().header("Authorization", TestTokens.bearer(Roles.AUDITOR)).get(service.url("/api/v1/audit/verify"))
                .then().statusCode(200).body("valid", equalTo(true)).extract().jsonPath().getLong("events");
    }

    private static RequestSpecification editor() {
        return given().header("Authorization", "Bearer " + TestTokens.token("restart-tester", Roles.EDITOR))
                .contentType(ContentType.JSON);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
