package io.cxone.themes.channels;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.jobs.Leases;
import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A watch the job engine gives up on is parked, with the reason in the API, the audit trail and the event stream,
 * and is not checked again until a person asks for a check. Three attempts and retries of a few milliseconds (this
 * profile) make "gives up" quick to reach. The failing check comes from the channel host: the simulator serves a look
 * with a NUL character in a string, which the database refuses to store in a snapshot (jsonb has no {@code \u0000}),
 * so every check's transaction fails after the fetch, where a check's own failure handling (failed fetches) ends.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@TestProfile(ChannelParkingTest.FewAttempts.class)
class ChannelParkingTest {
    static final int MAX_ATTEMPTS = 3;

    public static class FewAttempts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.jobs.channels.max-attempts", String.valueOf(MAX_ATTEMPTS),
                    "app.jobs.channels.retry-base", "20ms", "app.jobs.channels.retry-max", "100ms");
        }
    }

    static final Map<String, Object> ACCESSIBLE = Map.of("colors", Map.of("buttonColor", "#1F3A93", "headerBgColor",
            "#1F3A93", "headerFontColor", "#FFFFFF", "themeColor", "#1F3A93", "textColor", "#1A1A1A", "widgetBgColor",
            "#FFFFFF", "widgetFontColor", "#1A1A1A"), "widget", Map.of("appearance", "bubble", "position", "right"),
            "customCss", "");
    /** A look the database cannot store: a string with a NUL character. */
    static final Map<String, Object> UNSTORABLE = Map.of("colors", ACCESSIBLE.get("colors"), "widget",
            ACCESSIBLE.get("widget"), "customCss", ".x{content:'a\u0000b'}");

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    private final List<String> brands = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (String brand : brands) {
            given().delete("/simulator/admin/channels/" + brand + "/chat_park");
        }
        Db.execute("DELETE FROM channel_watches WHERE brand_id LIKE 'park-%'");
    }

    @Test
    void aWatchWhoseChecksKeepFailingIsParkedAfterItsAttemptsAndACheckNowTakesItUpAgain() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/channels/events"))
                .header("Authorization", TestTokens.bearer(Roles.VIEWER)).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        try (Stream<String> body = response.body()) {
            Iterator<String> lines = body.filter(l -> l.startsWith("data:")).iterator();
            assertTimeoutPreemptively(Waits.PATIENCE, () -> {
                readUntil(lines, "\"type\":\"ready\"", null);
                String brand = brand();
                setLook(brand, UNSTORABLE);
                String id = create(brand);

                JsonPath parked = Waits.until("watch " + id + " parked", () -> watch(id),
                        w -> "parked".equals(w.getString("state")));
                String reason = parked.getString("parkedReason");
                assertTrue(reason.startsWith("gave up after " + MAX_ATTEMPTS + " failed attempt(s)"), reason);
                assertTrue(reason.contains("Unicode"), "the database's refusal, as the last failure: " + reason);
                assertNull(parked.get("nextCheckAt"), "no check is due while parked");
                assertNull(parked.get("lastCheckedAt"), "no check was stored");
                assertEquals(0, Db.count("SELECT count(*) FROM channel_snapshots WHERE watch_id = '" + id + "'"));
                assertEquals(MAX_ATTEMPTS, Db.count("SELECT failed_attempts FROM channel_watches WHERE id = '" + id
                        + "'"));
                assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE job_id = '" + id + "' AND action = "
                        + "'channel.parked' AND outcome = 'failure' AND actor LIKE 'system:%' AND details->>'from' = "
                        + "'pending' AND details->>'reason' = '" + reason.replace("'", "''") + "'"));
                String event = readUntil(lines, "\"to\":\"parked\"", id);
                assertTrue(event.contains("\"type\":\"state\"") && event.contains("\"from\":\"pending\""), event);
                viewer().queryParam("state", "parked").get("/api/v1/channels").then().statusCode(200)
                        .body("items.find { it.id == '" + id + "' }.parkedReason", equalTo(reason));
                assertTrue(given().get("/q/metrics").then().extract().asString()
                        .contains("channels_checks_total{outcome=\"parked\"}"));

                // parked: however due, no instance claims it
                Db.execute("UPDATE channel_watches SET next_check_at = now() - interval '1 minute' WHERE id = '" + id
                        + "'");
                Leases other = new Leases(ChannelCheckKind.TABLE, "instance-b-" + UUID.randomUUID());
                assertFalse(other.claim(pool, Duration.ofSeconds(15), 1000).await().indefinitely().stream()
                        .anyMatch(r -> r.getUUID("id").toString().equals(id)), "a parked watch is not runnable");

                // the host is fixed; a person asks for a check: pending at once, then checked
                setLook(brand, ACCESSIBLE);
                publisher().post("/api/v1/channels/" + id + "/check").then().statusCode(202)
                        .body("state", equalTo("pending")).body("parkedReason", nullValue());
                // taken up again with all its attempts (committed with the 202, before any check can run)
                assertEquals(0, Db.count("SELECT failed_attempts FROM channel_watches WHERE id = '" + id + "'"));
                String unparked = readUntil(lines, "\"from\":\"parked\"", id);
                assertTrue(unparked.contains("\"to\":\"pending\""), unparked);
                JsonPath checked = Waits.until("a check of " + id, () -> watch(id),
                        w -> w.get("lastCheckedAt") != null);
                assertEquals("passing", checked.getString("state"));
                assertEquals(0, Db.count("SELECT failed_attempts FROM channel_watches WHERE id = '" + id + "'"));
                assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE job_id = '" + id + "' AND action = "
                        + "'channel.watch.unparked' AND actor = 'platform-team' AND details->>'parkedReason' = '"
                        + reason.replace("'", "''") + "'"));
            });
        }
    }

    @Test
    void aWatchWhoseRowCannotBeReadIsParkedAtOnceWithTheReason() {
        String brand = brand();
        setLook(brand, ACCESSIBLE);
        String id = create(brand);
        Waits.until("the first check of " + id, () -> watch(id), w -> w.get("lastCheckedAt") != null);

        // a hand-made edit the service never writes, due now: the engine claims it and cannot read it
        Db.execute("UPDATE channel_watches SET state = 'exploded', next_check_at = now() WHERE id = '" + id + "'");
        JsonPath parked = Waits.until("watch " + id + " parked", () -> watch(id),
                w -> "parked".equals(w.getString("state")));
        String reason = parked.getString("parkedReason");
        assertTrue(reason.contains("cannot be read") && reason.contains("'exploded'"), reason);
        assertEquals(1, Db.count("SELECT failed_attempts FROM channel_watches WHERE id = '" + id + "'"),
                "at once, not after " + MAX_ATTEMPTS + " attempts");
        assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE job_id = '" + id + "' AND action = "
                + "'channel.parked' AND details->>'from' = 'exploded'"));

        // check now repairs it: pending, then checked as any watch
        publisher().post("/api/v1/channels/" + id + "/check").then().statusCode(202).body("state", equalTo("pending"));
        Waits.until("a check of " + id + " after it was taken up again", () -> watch(id),
                w -> "passing".equals(w.getString("state")));
    }

    private static String readUntil(Iterator<String> lines, String wanted, String watchId) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.contains(wanted) && (watchId == null || line.contains(watchId))) {
                return line;
            }
        }
        throw new AssertionError("the stream ended before " + wanted);
    }

    private String brand() {
        String brand = "park-" + UUID.randomUUID().toString().substring(0, 8);
        brands.add(brand);
        return brand;
    }

    private static void setLook(String brand, Map<String, Object> look) {
        given().contentType(ContentType.JSON).body(look).put("/simulator/admin/channels/" + brand + "/chat_park")
                .then().statusCode(200);
    }

    private static String create(String brand) {
        return publisher().body(Map.of("brandId", brand, "channelId", "chat_park", "env", "c1", "domain",
                "niceincontact.com", "intervalSeconds", 3600)).post("/api/v1/channels").then().statusCode(201)
                .extract().path("id");
    }

    private static JsonPath watch(String id) {
        return viewer().get("/api/v1/channels/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification publisher() {
        return given().header("Authorization", "Bearer " + TestTokens.token("platform-team", Roles.PUBLISHER))
                .contentType(ContentType.JSON);
    }

    private static RequestSpecification viewer() {
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER));
    }
}
