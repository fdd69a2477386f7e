package io.cxone.themes.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Retried POSTs create nothing twice: every creating endpoint replays its first answer to a retry with the
 * same Idempotency-Key and body, refuses the key with another body (422), answers 409 while the first is still in its
 * transaction, and refuses malformed keys (400). The in-progress case is made certain with a lock the test holds (the
 * audit chain's head row, which every creating transaction takes last), never with timing.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class IdempotencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "Idempotency-Key";
    private static final String CHANNEL_ID = "chat_idem";

    @Inject
    IdempotencyPurge purge;

    /** One creating endpoint with its fixtures: the request, another body, and how many rows it created. */
    private record Endpoint(String role, String path, String body, String otherBody, int status, String countSql,
            String countParameter) {
        long created() {
            return count(countSql, countParameter);
        }
    }

    @AfterEach
    void cleanUp() {
        Db.execute("DELETE FROM channel_watches WHERE brand_id LIKE 'idem-%'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "drafts", "imports", "publications", "rollbacks", "rollouts", "sync-jobs", "watches" })
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndCreatesNothing(String name) {
        Endpoint e = endpoint(name);
        String key = UUID.randomUUID().toString();

        Response first = post(e.role, e.path, e.body, key);
        first.then().statusCode(e.status);
        assertNull(first.header(StoredAnswer.REPLAYED), "the first answer is not a replay");
        assertNotNull(first.header("Location"), first.asString());
        assertEquals(1, e.created(), "the first request created one");

        Response retry = post(e.role, e.path, e.body, key);
        retry.then().statusCode(e.status).header(StoredAnswer.REPLAYED, "true");
        assertEquals(first.asString(), retry.asString(), "the same body, byte for byte");
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.header("ETag"), retry.header("ETag"));
        assertEquals(first.contentType(), retry.contentType());
        // the draft's Structured Field form of the same key ("…") is the same key
        assertEquals(first.asString(), post(e.role, e.path, e.body, "\"" + key + "\"").then().statusCode(e.status)
                .extract().asString());
        assertEquals(1, e.created(), "retries created nothing");

        post(e.role, e.path, e.otherBody, key).then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].path", equalTo(HEADER)).body("errors[0].code", equalTo("idempotency_key_reused"))
                .body("detail", containsString("new key"));
        assertEquals(1, e.created(), "the refused request created nothing");
    }

    @Test
    void whileTheFirstRequestIsStillRunningARetryIs409WithRetryAfter() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = theme("Idem in progress " + key);
        Response first;
        try (Connection c = Db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // every creating transaction appends its audit event last, under this row's lock: while the test holds it,
            // the first request has taken its key's lock and written its draft, but cannot commit
            s.execute("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE");
            CompletableFuture<Response> running = CompletableFuture
                    .supplyAsync(() -> post(Roles.EDITOR, "/api/v1/themes", body, key));
            Waits.until("the first request holding its key's lock", () -> keyLocked("tester", key));

            post(Roles.EDITOR, "/api/v1/themes", body, key).then().statusCode(409)
                    .contentType("application/problem+json").header("Retry-After", "1")
                    .body("errors[0].path", equalTo(HEADER)).body("errors[0].code", equalTo("idempotency_in_progress"));
            assertEquals(0, count("SELECT count(*) FROM themes WHERE name = ?", "Idem in progress " + key));

            c.rollback(); // the first request goes on and commits
            first = running.get();
        }
        first.then().statusCode(201);
        Response retry = post(Roles.EDITOR, "/api/v1/themes", body, key);
        retry.then().statusCode(201).header(StoredAnswer.REPLAYED, "true");
        assertEquals(first.asString(), retry.asString());
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(1, count("SELECT count(*) FROM themes WHERE name = ?", "Idem in progress " + key));
    }

    @Test
    void malformedKeysAre400NamingTheHeaderAndCreateNothing() {
        String name = "Idem malformed " + UUID.randomUUID();
        String body = theme(name);
        for (String bad : List.of("", "has space", "a\"b", "schlüssel", "k".repeat(256), "\"\"")) {
            post(Roles.EDITOR, "/api/v1/themes", body, bad).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].path", equalTo(HEADER));
        }
        editor().header(HEADER, "one").header(HEADER, "two").body(body).post("/api/v1/themes").then().statusCode(400)
                .body("errors[0].path", equalTo(HEADER)).body("errors[0].code", equalTo("format"));
        assertEquals(0, count("SELECT count(*) FROM themes WHERE name = ?", name));
        post(Roles.EDITOR, "/api/v1/themes", body, "K-._~:+/=".repeat(28) + "xyz").then().statusCode(201); // 255
    }

    @Test
    void keysBelongToTheirSubject() {
        String key = UUID.randomUUID().toString();
        String name = "Idem subjects " + key;
        String mine = post(Roles.EDITOR, "/api/v1/themes", theme(name), key).then().statusCode(201).extract().path("id");
        String theirs = given().header("Authorization", "Bearer " + TestTokens.token("someone-else", Roles.EDITOR))
                .header(HEADER, key).contentType(ContentType.JSON).body(theme(name)).post("/api/v1/themes").then()
                .statusCode(201).header(StoredAnswer.REPLAYED, (String) null).extract().path("id");
        assertNotEquals(mine, theirs, "another subject's key is another key");
        assertEquals(2, count("SELECT count(*) FROM themes WHERE name = ?", name));
    }

    @Test
    void theSameBodyOnAnotherPathIsAnotherRequest() {
        String key = UUID.randomUUID().toString();
        String draft = TestPublications.draft("");
        String body = json(Map.of("themeId", draft));
        post(Roles.PUBLISHER, "/api/v1/widgets/idem-a-" + key.substring(0, 8) + "/publications", body, key).then()
                .statusCode(202);
        post(Roles.PUBLISHER, "/api/v1/widgets/idem-b-" + key.substring(0, 8) + "/publications", body, key).then()
                .statusCode(422).body("errors[0].code", equalTo("idempotency_key_reused"));
    }

    @Test
    void anExpiredKeyIsFreeAgainAndExpiredKeysArePurgedInBoundedBatches() {
        String key = UUID.randomUUID().toString();
        String name = "Idem expiry " + key;
        String first = post(Roles.EDITOR, "/api/v1/themes", theme(name), key).then().statusCode(201).extract().path("id");
        assertEquals(1, count("SELECT count(*) FROM idempotency_keys WHERE idem_key = ? "
                + "AND expires_at = created_at + interval '24 hours'", key), "kept for APP_IDEMPOTENCY_TTL (24h)");
        Db.execute("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE idem_key = '" + key + "'");
        String second = post(Roles.EDITOR, "/api/v1/themes", theme(name), key).then().statusCode(201)
                .header(StoredAnswer.REPLAYED, (String) null).extract().path("id");
        assertNotEquals(first, second, "after the TTL the key names a new request");

        Db.execute("DELETE FROM idempotency_keys WHERE expires_at <= now()",
                "INSERT INTO idempotency_keys (subject, idem_key, request_hash, status, content_type, body, expires_at) "
                        + "SELECT 'purge-test', 'k' || i, 'h', 201, 'application/json', '\\x7b7d'::bytea, "
                        + "now() - interval '1 hour' FROM generate_series(1, 10500) i");
        long live = count("SELECT count(*) FROM idempotency_keys WHERE expires_at > now() AND subject <> ?", "purge-test");
        int batches = IdempotencyPurge.MAX_BATCHES;
        assertEquals(batches * 1000, purge.purgeOnce().await().indefinitely(), "one purge: at most 10 batches of 1000");
        assertEquals(500, count("SELECT count(*) FROM idempotency_keys WHERE subject = ?", "purge-test"));
        assertEquals(500, purge.purgeOnce().await().indefinitely());
        assertEquals(0, count("SELECT count(*) FROM idempotency_keys WHERE subject = ?", "purge-test"));
        assertEquals(live, count("SELECT count(*) FROM idempotency_keys WHERE expires_at > now() AND subject <> ?", "purge-test"),
                "unexpired keys are kept");
    }

    @Test
    void withoutAKeyASecondPublicationOfTheSameVersionAndTagIs409NamingTheFirst() throws SQLException {
        String widget = "idem-dup-" + UUID.randomUUID().toString().substring(0, 8);
        String draft = TestPublications.draft("");
        String first = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body(Map.of("themeId", draft, "versionTag", "release-7")).post("/api/v1/widgets/" + widget + "/publications")
                .then().statusCode(202).extract().path("id");
        // queued, under way or ACTIVE by now, whichever: each of them refuses the duplicate
        given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body(Map.of("themeId", draft, "versionTag", "release-7", "onConflict", "suffix"))
                .post("/api/v1/widgets/" + widget + "/publications").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(first))
                .body("errors[0].path", equalTo("versionTag")).body("errors[0].code", equalTo("duplicate"));
        assertEquals(1, count("SELECT count(*) FROM publications WHERE widget_id = ?", widget));
        // another tag, or the same tag on another widget, is another publication
        given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body(Map.of("themeId", draft, "versionTag", "release-8")).post("/api/v1/widgets/" + widget + "/publications")
                .then().statusCode(202);
        given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body(Map.of("themeId", draft, "versionTag", "release-7")).post("/api/v1/widgets/" + widget + "-2/publications")
                .then().statusCode(202);

        // a FAILED one does not count (trying again is the point), an ACTIVE one does
        String other = "idem-dup-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = Db.connect()) {
            UUID failed = TestPublications.insert(c, other, draft, UUID.randomUUID().toString(), "FAILED");
            given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                    .body(Map.of("themeId", draft, "version", 1, "versionTag", "v-" + failed))
                    .post("/api/v1/widgets/" + other + "/publications").then().statusCode(202);
            UUID active = TestPublications.insert(c, other, draft, UUID.randomUUID().toString(), "ACTIVE");
            given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                    .body(Map.of("themeId", draft, "version", 1, "versionTag", "v-" + active))
                    .post("/api/v1/widgets/" + other + "/publications").then().statusCode(409)
                    .body("detail", containsString(active.toString()));
        }
    }

    @Test
    void everyCreatingOperationDocumentsTheHeader() {
        Map<String, Object> paths = given().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        for (String path : List.of("/api/v1/themes", "/api/v1/themes/import", "/api/v1/widgets/{widgetId}/publications",
                "/api/v1/widgets/{widgetId}/rollback", "/api/v1/widgets/{widgetId}/rollouts", "/api/v1/sync-jobs",
                "/api/v1/channels")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) paths.get(path)).get("post");
            assertTrue(String.valueOf(post.get("parameters")).contains("name=" + HEADER), path + ": " + post);
        }
    }

    // ---- fixtures ----------------------------------------------------------------------------------------------------

    private static Endpoint endpoint(String name) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        switch (name) {
            case "drafts": {
                String theme = "Idem draft " + tag;
                return new Endpoint(Roles.EDITOR, "/api/v1/themes", theme(theme), theme(theme + " (other)"), 201,
                        "SELECT count(*) FROM themes WHERE name = ?", theme);
            }
            case "imports": {
                String brand = "idem-" + tag;
                return new Endpoint(Roles.EDITOR, "/api/v1/themes/import", channel(brand, null),
                        channel(brand, "c2"), 201, "SELECT count(*) FROM audit_events WHERE action = 'theme.imported' "
                                + "AND details->'source'->>'brandId' = ?", brand);
            }
            case "publications": {
                String widget = "idem-" + tag;
                String draft = TestPublications.draft("");
                return new Endpoint(Roles.PUBLISHER, "/api/v1/widgets/" + widget + "/publications",
                        json(Map.of("themeId", draft)), json(Map.of("themeId", draft, "versionTag", "other")), 202,
                        "SELECT count(*) FROM publications WHERE widget_id = ?", widget);
            }
            case "rollbacks": {
                String widget = "idem-" + tag;
                UUID earlier = TestPublications.active(widget);
                UUID later = TestPublications.active(widget);
                // the fixture rows are ACTIVE without the time they became so, which a rollback target needs
                Db.execute("UPDATE publications SET activated_at = now() WHERE widget_id = '" + widget + "'");
                return new Endpoint(Roles.PUBLISHER, "/api/v1/widgets/" + widget + "/rollback",
                        json(Map.of("toPublicationId", earlier.toString())),
                        json(Map.of("toPublicationId", later.toString())), 202,
                        "SELECT count(*) FROM publications WHERE widget_id = ? AND rollback_of IS NOT NULL", widget);
            }
            case "rollouts": {
                // a retried start must not fail on "a rollout under way" (the first one): it gets the first answer
                String widget = "idem-" + tag;
                TestPublications.active(widget);
                String draft = TestPublications.draft("");
                return new Endpoint(Roles.PUBLISHER, "/api/v1/widgets/" + widget + "/rollouts",
                        json(Map.of("themeId", draft, "stages", List.of(10, 100), "holdSeconds", 1)),
                        json(Map.of("themeId", draft, "stages", List.of(20, 100), "holdSeconds", 1)), 202,
                        "SELECT count(*) FROM rollouts WHERE widget_id = ?", widget);
            }
            case "sync-jobs": {
                UUID publication = TestPublications.active("idem-home-" + tag);
                List<String> widgets = List.of("idem-" + tag + "-1", "idem-" + tag + "-2");
                return new Endpoint(Roles.PUBLISHER, "/api/v1/sync-jobs",
                        json(Map.of("publicationId", publication.toString(), "widgetIds", widgets,
                                "overrideExisting", false)),
                        json(Map.of("publicationId", publication.toString(), "widgetIds", widgets.subList(0, 1),
                                "overrideExisting", false)),
                        202, "SELECT count(*) FROM sync_jobs WHERE publication_id::text = ?", publication.toString());
            }
            case "watches": {
                String brand = "idem-" + tag;
                return new Endpoint(Roles.PUBLISHER, "/api/v1/channels", channel(brand, null),
                        channel(brand, "c2"), 201, "SELECT count(*) FROM channel_watches WHERE brand_id = ?", brand);
            }
            default:
                throw new IllegalArgumentException(name);
        }
    }

    private static String theme(String name) {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("name", name);
        return json(theme);
    }

    private static String channel(String brand, String env) {
        return json(Map.of("brandId", brand, "channelId", CHANNEL_ID, "env", env == null ? "c1" : env, "domain",
                "niceincontact.com"));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response post(String role, String path, String body, String key) {
        return given().header("Authorization", TestTokens.bearer(role)).header(HEADER, key).contentType(ContentType.JSON)
                .body(body).post(path);
    }

    private static RequestSpecification editor() {
        return given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).contentType(ContentType.JSON);
    }

    /** Whether a transaction holds the advisory lock of {@code subject}'s {@code key} (IdempotencyStore's lock). */
    private static boolean keyLocked(String subject, String key) {
        try (Connection c = Db.connect(); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_locks "
                + "WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = CAST(? AS int)::oid "
                + "AND objid = hashtext(?)::oid")) {
            s.setInt(1, IdempotencyStore.LOCK_CLASS);
            s.setString(2, subject + "\n" + key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql, String parameter) {
        try (Connection c = Db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
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
