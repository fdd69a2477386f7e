package io.cxone.themes.governance;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A SCHEDULED publication across a kill -9: the instance that accepted it dies before its start; what it stored is
 * all there is (still SCHEDULED, due at the same runAt); a new instance releases it at runAt, not earlier, and CXone (a
 * standalone simulator jar) first hears of it then.
 */
class ScheduledPublicationIT {
    private static EmbeddedPostgres db;
    private static ServiceProcess simulator;

    @BeforeAll
    static void start() throws IOException {
        db = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        simulator = ServiceProcess.simulator("scheduled-it-sim");
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
    void aScheduledPublicationKeepsItsRunAtAcrossAKill() {
        // activation at once: the theme's status then carries the simulator's own time of the create (updatedAt)
        Sim.admin().contentType(ContentType.JSON).body(Map.of("activationDelayMs", 0))
                .put(simulator.url("/simulator/admin/faults")).then().statusCode(200);
        String widget = "w-sched-" + UUID.randomUUID().toString().substring(0, 6);
        String id;
        Instant runAt;
        try (ServiceProcess first = service("scheduled-it-1")) {
            String theme = given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).contentType(ContentType.JSON)
                    .body(SampleThemes.enterpriseDarkModeJson()).post(first.url("/api/v1/themes")).then().statusCode(201)
                    .extract().path("id");
            // far enough ahead that the kill, sent as soon as the 202 is read, comes first on a busy machine too
            Instant notBefore = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.MILLIS);
            JsonPath p = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                    .body(Map.of("themeId", theme, "notBefore", notBefore.toString()))
                    .post(first.url("/api/v1/widgets/" + widget + "/publications")).then().statusCode(202).extract()
                    .jsonPath();
            first.kill();
            assertEquals("SCHEDULED", p.getString("state"), p.prettify());
            id = p.getString("id");
            runAt = Instant.parse(p.getString("runAt"));
            assertEquals(notBefore, runAt);
        }
        // what the dead instance left is all a restart has: still SCHEDULED, due at the same instant, held by nobody
        Map<String, Object> row = row(id);
        assertEquals("SCHEDULED", row.get("state"), "killed before its start: " + row);
        assertEquals(runAt, row.get("run_at"));
        assertNull(row.get("lease_owner"));
        assertEquals(0L, themesOn(widget), "nothing reached CXone");
        try (ServiceProcess second = service("scheduled-it-2")) {
            JsonPath done = Waits.until("publication " + id + " ACTIVE", () -> given()
                    .header("Authorization", TestTokens.bearer(Roles.VIEWER)).get(second.url("/api/v1/publications/" + id))
                    .then().statusCode(200).extract().jsonPath(), j -> List.of("ACTIVE", "FAILED").contains(j.getString("state")));
            assertEquals("ACTIVE", done.getString("state"), done.prettify());
            assertEquals(1, done.getInt("attempts"));
        }
        assertEquals(List.of("publication.requested", "publication.released", "publication.submitted",
                "publication.activated"), strings("SELECT action FROM audit_events WHERE publication_id = ? ORDER BY seq", id));
        assertEquals(List.of(runAt.toString()), strings("SELECT details->>'runAt' FROM audit_events WHERE "
                + "publication_id = ? AND action = 'publication.released'", id), "released for the runAt it had");
        // the simulator's own clock: its theme was created (status updatedAt with no activation delay) at or after runAt
        Instant created = Instant.parse(strings("SELECT details->>'cxoneUpdatedAt' FROM audit_events WHERE "
                + "publication_id = ? AND action = 'publication.activated'", id).get(0));
        assertFalse(created.isBefore(runAt), "CXone heard of it at " + created + ", before runAt " + runAt);
        assertEquals(1L, themesOn(widget));
    }

    private static ServiceProcess service(String name) {
        return ServiceProcess.builder(name).trustingTestTokens().cxone(simulator).database(db)
                .set("app.jobs.publications.lease", "3s").start();
    }

    private static long themesOn(String widget) {
        Number n = Sim.admin().get(simulator.url("/simulator/admin/stats")).then().statusCode(200).extract().jsonPath()
                .get("themesPerWidget.'" + widget + "'");
        return n == null ? 0 : n.longValue();
    }

    private static Map<String, Object> row(String id) {
        try (Connection c = DriverManager.getConnection(db.getJdbcUrl("postgres", "postgres"));
                PreparedStatement s = c.prepareStatement("SELECT state, run_at, lease_owner FROM publications "
                        + "WHERE id = ?::uuid")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Map<String, Object> out = new HashMap<>();
                out.put("state", rs.getString("state"));
                out.put("run_at", rs.getObject("run_at", OffsetDateTime.class).toInstant());
                out.put("lease_owner", rs.getString("lease_owner"));
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String sql, String parameter) {
        try (Connection c = DriverManager.getConnection(db.getJdbcUrl("postgres", "postgres"))) {
            return Db.strings(c, sql, parameter);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
