package io.cxone.themes.idempotency;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The chaos run's failure, on real processes: instance A commits a draft and a publication and is killed (kill -9);
 * the client retries both with the same Idempotency-Keys through instance B, which answers what A answered and creates
 * nothing: one draft, one publication, one theme in CXone. The database (in this JVM) and CXone (a standalone
 * simulator jar) outlive A, as they would in production.
 */
class IdempotencyIT {
    private static EmbeddedPostgres db;
    private static ServiceProcess simulator;

    @BeforeAll
    static void start() throws IOException {
        db = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        simulator = ServiceProcess.simulator("idempotency-it-sim");
    }

    @AfterAll
    static void stop() throws IOException {
        if (simulator != null) {
            simulator.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aRetryThroughAnotherInstanceAfterTheFirstDiedPastItsCommitCreatesNothing() {
        String draftKey = UUID.randomUUID().toString();
        String publishKey = UUID.randomUUID().toString();
        String name = "Idem IT " + draftKey;
        String widget = "w-idem-" + draftKey.substring(0, 8);
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("name", name);
        Response draftOnA;
        Response publishOnA;
        Map<String, Object> publishBody;
        try (ServiceProcess a = service("idempotency-it-a")) {
            draftOnA = post(a, Roles.EDITOR, "/api/v1/themes", theme, draftKey);
            draftOnA.then().statusCode(201);
            publishBody = Map.of("themeId", draftOnA.path("id"));
            publishOnA = post(a, Roles.PUBLISHER, "/api/v1/widgets/" + widget + "/publications", publishBody, publishKey);
            publishOnA.then().statusCode(202);
            a.kill(); // committed, answered or not: the client never knows, and retries elsewhere
        }
        try (ServiceProcess b = service("idempotency-it-b")) {
            Response draftOnB = post(b, Roles.EDITOR, "/api/v1/themes", theme, draftKey);
            sameAnswer(draftOnA, draftOnB);
            Response publishOnB = post(b, Roles.PUBLISHER, "/api/v1/widgets/" + widget + "/publications", publishBody,
                    publishKey);
            sameAnswer(publishOnA, publishOnB);

            String id = publishOnA.path("id");
            JsonPath done = Waits.until("publication " + id + " finished", () -> given()
                    .header("Authorization", TestTokens.bearer(Roles.VIEWER)).get(b.url("/api/v1/publications/" + id))
                    .then().statusCode(200).extract().jsonPath(),
                    p -> List.of("ACTIVE", "FAILED").contains(p.getString("state")));
            assertEquals("ACTIVE", done.getString("state"), done.prettify());
        }
        assertEquals(1, count("SELECT count(*) FROM themes WHERE name = ?", name), "one draft");
        assertEquals(1, count("SELECT count(*) FROM publications WHERE widget_id = ?", widget), "one publication");
        Number themes = Sim.admin().get(simulator.url("/simulator/admin/stats")).then().statusCode(200).extract()
                .jsonPath().get("themesPerWidget.'" + widget + "'");
        assertEquals(1, themes.intValue(), "one theme in CXone");
    }

    private static void sameAnswer(Response first, Response retry) {
        assertNull(first.header(StoredAnswer.REPLAYED));
        assertEquals("true", retry.header(StoredAnswer.REPLAYED), retry.asString());
        assertEquals(first.statusCode(), retry.statusCode());
        assertEquals(first.asString(), retry.asString(), "the same body, byte for byte");
        assertEquals(first.header("ETag"), retry.header("ETag"));
        // absolute against the instance asked: the same path, on B's address
        assertEquals(URI.create(first.header("Location")).getPath(), URI.create(retry.header("Location")).getPath());
    }

    private static Response post(ServiceProcess service, String role, String path, Object body, String key) {
        return given().header("Authorization", TestTokens.bearer(role)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post(service.url(path));
    }

    private static ServiceProcess service(String name) {
        return ServiceProcess.builder(name).trustingTestTokens().cxone(simulator).database(db)
                .set("app.publish.lease", "3s") // A's claim on the publication runs out soon after the kill
                .start();
    }

    private static long count(String sql, String parameter) {
        try (Connection c = DriverManager.getConnection(db.getJdbcUrl("postgres", "postgres"));
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
