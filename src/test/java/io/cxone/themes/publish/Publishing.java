package io.cxone.themes.publish;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Test steps shared by the publishing tests: drafts, publish calls, waiting for a terminal state, audit rows. */
final class Publishing {
    private Publishing() {
    }

    static RequestSpecification as(String role) {
        return given().header("Authorization", "Bearer " + TestTokens.token("alice", role)).contentType(ContentType.JSON);
    }

    static String draft() {
        return as(Roles.EDITOR).body(SampleThemes.enterpriseDarkModeJson()).post("/api/v1/themes").then().statusCode(201)
                .extract().path("id");
    }

    /** Saves a second version of the draft (a different border radius). */
    static void secondVersion(String themeId) {
        Map<String, Object> changed = SampleThemes.enterpriseDarkModeJson();
        changed.put("borderRadiusPx", 4);
        as(Roles.EDITOR).header("If-Match", "\"v1\"").body(changed).put("/api/v1/themes/" + themeId).then().statusCode(200);
    }

    /** Publishes and answers the new publication's id (asserting the 202). */
    static String publish(String widgetId, Map<String, Object> body) {
        return as(Roles.PUBLISHER).body(body).post("/api/v1/widgets/" + widgetId + "/publications").then().statusCode(202)
                .extract().path("id");
    }

    /** Polls the publication until ACTIVE or FAILED. */
    static JsonPath awaitTerminal(String id) {
        return awaitState(id, "ACTIVE", "FAILED");
    }

    /** Polls the publication until it is in one of {@code states}. */
    static JsonPath awaitState(String id, String... states) {
        return Waits.until("publication " + id + " in " + List.of(states), () -> as(Roles.VIEWER)
                .get("/api/v1/publications/" + id).then().statusCode(200).extract().jsonPath(),
                p -> List.of(states).contains(p.getString("state")));
    }

    /**
     * Timestamp columns of a publication's job row (such as {@code run_at}), read in one statement: the job's own
     * record of its schedule, for tests that check timing without a stopwatch.
     */
    static Map<String, Instant> times(String publicationId, String... columns) {
        try (Connection c = Db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT " + String.join(", ", columns) + " FROM publications WHERE id = ?::uuid")) {
            s.setString(1, publicationId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Map<String, Instant> out = new HashMap<>();
                for (String column : columns) {
                    out.put(column, rs.getObject(column, OffsetDateTime.class).toInstant());
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The audit actions recorded for a publication, in order, as "action/outcome/actor". */
    static List<String> auditTrail(String publicationId) {
        try (Connection c = Db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT action, outcome, actor FROM audit_events WHERE publication_id = ? ORDER BY seq")) {
            s.setString(1, publicationId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
