package io.cxone.themes.governance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Metrics;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Four eyes against the simulator: a publication to a widget whose policy asks for approvals waits PENDING_APPROVAL,
 * sends nothing to CXone, and proceeds only after that many approvals by people other than the requester; a rejection
 * and the approval time running out end it for good. Alice requests (she is an approver too, which must not help her).
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class FourEyesTest {
    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    static RequestSpecification as(String subject, String... roles) {
        return given().header("Authorization", "Bearer " + TestTokens.token(subject, roles)).contentType(ContentType.JSON);
    }

    static RequestSpecification alice() {
        return as("alice", Roles.PUBLISHER, Roles.APPROVER, Roles.EDITOR);
    }

    static String widget() {
        return "w-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void policy(String widget, Map<String, Object> body) {
        as("paula", Roles.PUBLISHER).body(body).put("/api/v1/widgets/" + widget + "/policy").then().statusCode(200);
    }

    static String draft() {
        return alice().body(SampleThemes.enterpriseDarkModeJson()).post("/api/v1/themes").then().statusCode(201)
                .extract().path("id");
    }

    static JsonPath publish(String widget) {
        return alice().body(Map.of("themeId", draft())).post("/api/v1/widgets/" + widget + "/publications").then()
                .statusCode(202).extract().jsonPath();
    }

    static JsonPath await(String id, String... states) {
        return Waits.until("publication " + id + " in " + List.of(states), () -> as("vera", Roles.VIEWER)
                .get("/api/v1/publications/" + id).then().statusCode(200).extract().jsonPath(),
                p -> List.of(states).contains(p.getString("state")));
    }

    @SuppressWarnings("unchecked")
    static long themesOn(String widget) {
        Number n = ((Map<String, Number>) Sim.stats().get("themesPerWidget")).get(widget);
        return n == null ? 0 : n.longValue();
    }

    /**
     * Nothing of a pending publication reaches CXone: another widget's publication, requested after it, is carried
     * all the way to ACTIVE by the same engine meanwhile (so the engine has claimed since), and the pending one was
     * never claimed, never attempted, and the simulator has no theme for its widget.
     */
    static void assertUntouchedWhileAnotherRuns(String id, String widget) {
        String other = publish(widget()).getString("id");
        assertEquals("ACTIVE", await(other, "ACTIVE", "FAILED").getString("state"));
        JsonPath p = as("vera", Roles.VIEWER).get("/api/v1/publications/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("PENDING_APPROVAL", p.getString("state"));
        assertEquals(0, p.getInt("attempts"));
        assertEquals(0L, themesOn(widget), "nothing reached CXone before the last approval");
        assertNull(column(id, "lease_owner"), "the engine never claimed it");
    }

    @Test
    void oneApprovalByAnotherPersonLetsItGoOut() {
        String w = widget();
        policy(w, Map.of("approvals", 1));
        JsonPath created = publish(w);
        String id = created.getString("id");
        assertEquals("PENDING_APPROVAL", created.getString("state"));
        assertEquals(1, created.getInt("approvalsRequired"));
        Instant deadline = Instant.parse(created.getString("deadlineAt"));
        assertTrue(deadline.isAfter(Instant.now().plus(Duration.ofHours(71))), "72 h to approve: " + deadline);
        assertUntouchedWhileAnotherRuns(id, w);

        // the requester may not approve, though she has the role
        alice().post("/api/v1/publications/" + id + "/approve").then().statusCode(403)
                .body("errors[0].code", equalTo("same_person"));
        alice().get("/api/v1/approvals").then().statusCode(200).body("items.id", not(hasItem(id)));
        as("bob", Roles.APPROVER).get("/api/v1/approvals").then().statusCode(200).body("items.id", hasItem(id));
        // a publisher without the approver role may not approve
        as("paula", Roles.PUBLISHER).post("/api/v1/publications/" + id + "/approve").then().statusCode(403);

        as("bob", Roles.APPROVER).post("/api/v1/publications/" + id + "/approve").then().statusCode(200)
                .body("state", equalTo("QUEUED")).body("approvedBy", equalTo(List.of("bob")));
        JsonPath done = await(id, "ACTIVE", "FAILED");
        assertEquals("ACTIVE", done.getString("state"), done.prettify());
        assertEquals(1L, themesOn(w));
        as("bob", Roles.APPROVER).get("/api/v1/approvals").then().statusCode(200).body("items.id", not(hasItem(id)));
        // decided already: a late approval is a conflict naming the state
        as("carol", Roles.APPROVER).post("/api/v1/publications/" + id + "/approve").then().statusCode(409)
                .body("errors[0].code", equalTo("state"));
        assertEquals(List.of("publication.requested/success/alice", "publication.approved/success/bob",
                "publication.submitted/success/system:cxone-theme-service",
                "publication.activated/success/system:cxone-theme-service"), auditTrail(id));
        assertEquals("alice", auditDetail(id, "publication.approved", "requestedBy"));
        assertEquals("[\"bob\"]", auditDetail(id, "publication.approved", "approvedBy"));
    }

    @Test
    void twoApprovalsMustComeFromTwoPeople() {
        String w = widget();
        policy(w, Map.of("approvals", 2));
        String id = publish(w).getString("id");
        as("bob", Roles.APPROVER).post("/api/v1/publications/" + id + "/approve").then().statusCode(200)
                .body("state", equalTo("PENDING_APPROVAL")).body("approvedBy", equalTo(List.of("bob")));
        as("bob", Roles.APPROVER).post("/api/v1/publications/" + id + "/approve").then().statusCode(403)
                .body("errors[0].code", equalTo("same_person"));
        as("bob", Roles.APPROVER).get("/api/v1/approvals").then().statusCode(200).body("items.id", not(hasItem(id)));
        as("carol", Roles.APPROVER).get("/api/v1/approvals").then().statusCode(200).body("items.id", hasItem(id));
        assertUntouchedWhileAnotherRuns(id, w);
        as("carol", Roles.APPROVER).post("/api/v1/publications/" + id + "/approve").then().statusCode(200)
                .body("approvedBy", equalTo(List.of("bob", "carol")));
        assertEquals("ACTIVE", await(id, "ACTIVE", "FAILED").getString("state"));
        assertEquals(List.of("publication.requested/success/alice", "publication.approved/success/bob",
                "publication.approved/success/carol", "publication.submitted/success/system:cxone-theme-service",
                "publication.activated/success/system:cxone-theme-service"), auditTrail(id));
    }

    @Test
    void aRejectionEndsItAndNothingIsSent() {
        String w = widget();
        policy(w, Map.of("approvals", 2));
        String id = publish(w).getString("id");
        as("bob", Roles.APPROVER).post("/api/v1/publications/" + id + "/approve").then().statusCode(200);
        as("carol", Roles.APPROVER).body(Map.of()).post("/api/v1/publications/" + id + "/reject").then().statusCode(400)
                .body("errors[0].path", equalTo("reason")).body("errors[0].code", equalTo("required"));
        as("bob", Roles.APPROVER).body(Map.of("reason", "changed my mind")).post("/api/v1/publications/" + id
                + "/reject").then().statusCode(403).body("errors[0].code", equalTo("same_person"));
        as("carol", Roles.APPROVER).body(Map.of("reason", "button contrast too low")).post("/api/v1/publications/" + id
                + "/reject").then().statusCode(200).body("state", equalTo("REJECTED"))
                .body("failureReason", equalTo("rejected by carol: button contrast too low"));
        as("dave", Roles.APPROVER).post("/api/v1/publications/" + id + "/approve").then().statusCode(409)
                .body("errors[0].code", equalTo("state"));
        assertEquals(0L, themesOn(w));
        assertEquals(List.of("publication.requested/success/alice", "publication.approved/success/bob",
                "publication.rejected/success/carol"), auditTrail(id));
        assertEquals("alice", auditDetail(id, "publication.rejected", "requestedBy"));
        assertEquals("button contrast too low", auditDetail(id, "publication.rejected", "reason"));
        // every export format carries the approver (the event's actor) and the requester (its details)
        for (String format : List.of("jsonl", "cef", "ocsf", "syslog")) {
            String export = as("amy", Roles.AUDITOR).queryParam("format", format).queryParam("actor", "carol")
                    .queryParam("action", "publication.rejected").get("/api/v1/audit/export").then().statusCode(200)
                    .extract().asString();
            String line = export.lines().filter(l -> l.contains(id)).findFirst().orElseThrow(() -> new AssertionError(
                    format + " export has no event of " + id + ": " + export));
            assertTrue(line.contains("carol") && line.contains("alice") && line.contains("button contrast too low"),
                    format + ": " + line);
        }
    }

    @Test
    void unapprovedPastItsTtlItExpires() {
        String w = widget();
        policy(w, Map.of("approvals", 1, "approvalTtl", "PT1S"));
        String id = publish(w).getString("id");
        JsonPath expired = await(id, "EXPIRED", "QUEUED", "ACTIVE", "FAILED");
        assertEquals("EXPIRED", expired.getString("state"), expired.prettify());
        assertTrue(expired.getString("failureReason").startsWith("only 0 of 1 approval(s) came before"),
                expired.getString("failureReason"));
        as("bob", Roles.APPROVER).post("/api/v1/publications/" + id + "/approve").then().statusCode(409)
                .body("errors[0].code", equalTo("state"));
        assertEquals(0L, themesOn(w));
        assertEquals(List.of("publication.requested/success/alice",
                "publication.expired/failure/system:cxone-theme-service"), auditTrail(id));
    }

    @Test
    void aRollbackWaitsForApprovalsToo() {
        String w = widget();
        String first = publish(w).getString("id");
        assertEquals("ACTIVE", await(first, "ACTIVE", "FAILED").getString("state"));
        policy(w, Map.of("approvals", 1));
        as("alice", Roles.PUBLISHER).body(Map.of("toPublicationId", first)).post("/api/v1/widgets/" + w + "/rollback")
                .then().statusCode(202).body("state", equalTo("PENDING_APPROVAL")).body("rollbackOf", equalTo(first));
    }

    @Test
    void theEventStreamAndTheGaugeShowTheNewStates() throws Exception {
        String w = widget();
        policy(w, Map.of("approvals", 1));
        String id = publish(w).getString("id");
        Waits.until("the gauge counts pending publications", () -> Metrics.value(Metrics.scrape(), "publications_jobs",
                "state=\"PENDING_APPROVAL\"") >= 1);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/publications/" + id + "/events"))
                .header("Authorization", TestTokens.bearer(Roles.VIEWER)).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        List<String> states = new ArrayList<>();
        assertTimeoutPreemptively(Waits.PATIENCE, () -> {
            Iterator<String> lines = response.body().filter(line -> line.startsWith("data:")).iterator();
            states.add(new JsonPath(lines.next().substring(5)).getString("state"));
            as("carol", Roles.APPROVER).body(Map.of("reason", "not this week")).post("/api/v1/publications/" + id
                    + "/reject").then().statusCode(200);
            // the stream ends by itself at the terminal state: reading it all would hang otherwise
            lines.forEachRemaining(line -> states.add(new JsonPath(line.substring(5)).getString("state")));
        });
        assertEquals(List.of("PENDING_APPROVAL", "REJECTED"), states, "then the stream ended");
    }

    static List<String> auditTrail(String publicationId) {
        return rows("SELECT action || '/' || outcome || '/' || actor FROM audit_events WHERE publication_id = ? "
                + "ORDER BY seq", publicationId);
    }

    static String auditDetail(String publicationId, String action, String key) {
        List<String> values = rows("SELECT details ->> '" + key + "' FROM audit_events WHERE publication_id = ? AND "
                + "action = '" + action + "' ORDER BY seq DESC", publicationId);
        return values.get(0);
    }

    static Instant auditTime(String publicationId, String action) {
        return Instant.parse(rows("SELECT to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM "
                + "audit_events WHERE publication_id = ? AND action = '" + action + "'", publicationId).get(0));
    }

    /** The engine's due time of the publication's job. */
    static Instant runAtColumn(String publicationId) {
        return Instant.parse(rows("SELECT to_char(run_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') "
                + "FROM publications WHERE id = ?::uuid", publicationId).get(0));
    }

    static String column(String publicationId, String column) {
        return rows("SELECT " + column + " FROM publications WHERE id = ?::uuid", publicationId).get(0);
    }

    private static List<String> rows(String sql, String id) {
        try (Connection c = Db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
