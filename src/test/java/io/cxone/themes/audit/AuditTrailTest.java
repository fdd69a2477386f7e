package io.cxone.themes.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The audit trail over HTTP on the real database: concurrent writers, tampering found by verify, filters, roles. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class AuditTrailTest {

    @BeforeEach
    void keepACopy() {
        Db.endLeftoverJobs();
        Db.execute("DROP TABLE IF EXISTS audit_copy", "CREATE TABLE audit_copy AS SELECT * FROM audit_events",
                "DROP TABLE IF EXISTS audit_head_copy", "CREATE TABLE audit_head_copy AS SELECT * FROM audit_head");
    }

    /** Puts the trail back as it was, like a restore from backup, so tampering tests leave a valid chain. */
    @AfterEach
    void restore() {
        // one transaction that first takes the head lock: no append of the service can slip in between
        Db.inTransaction("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE",
                "ALTER TABLE audit_events DISABLE TRIGGER USER", "DELETE FROM audit_events",
                "INSERT INTO audit_events SELECT * FROM audit_copy", "ALTER TABLE audit_events ENABLE TRIGGER USER",
                "UPDATE audit_head h SET seq = c.seq, hash = c.hash FROM audit_head_copy c",
                "DROP TABLE audit_copy", "DROP TABLE audit_head_copy");
    }

    @Test
    void aHundredConcurrentWritersLeaveAGapFreeValidChain() {
        long before = Db.count("SELECT count(*) FROM audit_events");
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Integer> statuses = IntStream.range(0, 100).mapToObj(i -> CompletableFuture.supplyAsync(() ->
                    given().header("Authorization", "Bearer " + TestTokens.token("writer-" + i, Roles.EDITOR))
                            .contentType(ContentType.JSON).body(SampleThemes.enterpriseDarkModeJson())
                            .post("/api/v1/themes").statusCode(), pool)).toList().stream().map(CompletableFuture::join).toList();
            assertTrue(statuses.stream().allMatch(s -> s == 201), statuses.toString());
        } finally {
            pool.shutdown();
        }
        assertEquals(100, Db.count("SELECT count(*) FROM audit_events WHERE actor LIKE 'writer-%'"));
        long events = Db.count("SELECT count(*) FROM audit_events");
        assertTrue(events >= before + 100);
        assertEquals(events, Db.count("SELECT max(seq) FROM audit_events"), "numbered 1..n without gaps");
        assertEquals(events, Db.count("SELECT count(DISTINCT prev_hash) FROM audit_events"), "no forks");
        JsonPath verdict = verify();
        assertTrue(verdict.getBoolean("valid"), verdict.prettify());
        assertEquals(events, verdict.getLong("events"));
    }

    @Test
    void anEditedEventIsFoundWithItsNumber() {
        long seq = middleEvent();
        tamper("UPDATE audit_events SET actor = 'mallory' WHERE seq = " + seq);
        assertBrokenAt(seq, "edited");
    }

    @Test
    void aDeletedEventIsFoundWithItsNumber() {
        long seq = middleEvent();
        tamper("DELETE FROM audit_events WHERE seq = " + seq);
        assertBrokenAt(seq, "missing");
    }

    @Test
    void theNewestEventDeletedIsFoundThroughTheHead() {
        long last = middleEvent() + 1;
        tamper("DELETE FROM audit_events WHERE seq = " + last);
        assertBrokenAt(last, "missing");
    }

    @Test
    void reorderedEventsAreFoundWithTheFirstNumber() {
        long seq = middleEvent();
        tamper("UPDATE audit_events SET seq = -1 WHERE seq = " + seq,
                "UPDATE audit_events SET seq = " + seq + " WHERE seq = " + (seq + 1),
                "UPDATE audit_events SET seq = " + (seq + 1) + " WHERE seq = -1");
        assertBrokenAt(seq, null);
    }

    @Test
    void anInsertedEventIsFound() {
        long last = middleEvent() + 1;
        tamper("INSERT INTO audit_events SELECT seq + 1, time, actor, 'theme.deleted', outcome, theme_id, widget_id, "
                + "publication_id, job_id, request_id, details, hash, hash FROM audit_events WHERE seq = " + last);
        assertBrokenAt(last + 1, null);
    }

    @Test
    void filtersAndPagingFindEventsByActorAndTheme() {
        middleEvent();
        String id = given().header("Authorization", "Bearer " + TestTokens.token("filter-ada", Roles.EDITOR))
                .contentType(ContentType.JSON).body(SampleThemes.enterpriseDarkModeJson()).post("/api/v1/themes")
                .then().statusCode(201).extract().path("id");
        auditor().queryParam("actor", "filter-ada").get("/api/v1/audit").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].themeId", equalTo(id))
                .body("items[0].action", equalTo("theme.created")).body("items[0].hash", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
        auditor().queryParam("themeId", id).queryParam("action", "theme.created").get("/api/v1/audit").then()
                .statusCode(200).body("items.actor", everyItem(equalTo("filter-ada")));
        auditor().queryParam("from", "2999-01-01T00:00:00Z").get("/api/v1/audit").then().statusCode(200)
                .body("totalItems", equalTo(0));
        auditor().queryParam("from", "yesterday").get("/api/v1/audit").then().statusCode(400)
                .body("errors[0].path", equalTo("from"));
        auditor().queryParam("size", 2).get("/api/v1/audit").then().statusCode(200).body("items.size()", equalTo(2));
    }

    @Test
    void onlyAuditorsReadTheTrail() {
        for (String role : new String[] { Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER }) {
            given().header("Authorization", TestTokens.bearer(role)).get("/api/v1/audit").then().statusCode(403);
            given().header("Authorization", TestTokens.bearer(role)).get("/api/v1/audit/verify").then().statusCode(403);
            given().header("Authorization", TestTokens.bearer(role)).get("/api/v1/audit/export").then().statusCode(403);
        }
        given().get("/api/v1/audit").then().statusCode(401);
    }

    @Test
    void theActorIsTheTokenSubjectNeverAHeader() {
        given().header("Authorization", "Bearer " + TestTokens.token("real-subject", Roles.EDITOR))
                .header("X-Actor", "someone-else").header("X-Request-Id", "req-42").contentType(ContentType.JSON)
                .body(SampleThemes.enterpriseDarkModeJson()).post("/api/v1/themes").then().statusCode(201);
        auditor().queryParam("actor", "real-subject").get("/api/v1/audit").then().statusCode(200)
                .body("items[0].requestId", equalTo("req-42"));
        auditor().queryParam("actor", "someone-else").get("/api/v1/audit").then().body("totalItems", equalTo(0));
    }

    @Test
    void noTokenOrSecretIsEverRecorded() {
        String token = TestTokens.token("secret-check", Roles.EDITOR);
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(SampleThemes.enterpriseDarkModeJson()).post("/api/v1/themes").then().statusCode(201);
        String everything = auditor().queryParam("format", "jsonl").get("/api/v1/audit/export").asString();
        assertFalse(everything.contains(token.substring(token.lastIndexOf('.') + 1)), "token signature in the trail");
        for (String secret : new String[] { "eyJ", "Bearer", "sim-secret", "sim-access-secret", "client_secret" }) {
            assertFalse(everything.contains(secret), secret + " found in the trail");
        }
    }

    private static long middleEvent() {
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + TestTokens.token("tamper-setup", Roles.EDITOR))
                    .contentType(ContentType.JSON).body(SampleThemes.enterpriseDarkModeJson()).post("/api/v1/themes")
                    .then().statusCode(201);
        }
        return Db.count("SELECT max(seq) FROM audit_events") - 1;
    }

    private static void tamper(String... statements) {
        assertTrue(verify().getBoolean("valid"), "the chain is valid before tampering");
        String[] all = new String[statements.length + 2];
        all[0] = "ALTER TABLE audit_events DISABLE TRIGGER USER";
        System.arraycopy(statements, 0, all, 1, statements.length);
        all[all.length - 1] = "ALTER TABLE audit_events ENABLE TRIGGER USER";
        Db.execute(all);
    }

    private static void assertBrokenAt(long seq, String reasonWord) {
        JsonPath verdict = verify();
        assertFalse(verdict.getBoolean("valid"), verdict.prettify());
        assertEquals(seq, verdict.getLong("firstBrokenSeq"), verdict.prettify());
        if (reasonWord != null) {
            assertTrue(verdict.getString("reason").contains(reasonWord), verdict.prettify());
        }
    }

    private static JsonPath verify() {
        return auditor().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    private static io.restassured.specification.RequestSpecification auditor() {
        return given().header("Authorization", TestTokens.bearer(Roles.AUDITOR));
    }
}
