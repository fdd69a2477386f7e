package io.cxone.themes.channels;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The live channel monitor end to end: real HTTP from the checks to the simulator's public channel endpoint, whose
 * look a test changes with the admin override; every check is asked for ({@code POST …/check}) and awaited by its
 * {@code lastCheckedAt} moving, never by sleeping.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class ChannelMonitorTest {
    static final Map<String, Object> ACCESSIBLE = look("#1F3A93", "#1F3A93", "#FFFFFF", "#1A1A1A", "#FFFFFF");
    static final Map<String, Object> OTHER_ACCESSIBLE = look("#00695C", "#004D40", "#FFFFFF", "#212121", "#FAFAFA");
    static final Map<String, Object> INACCESSIBLE = look("#FFFFFF", "#FFFFFF", "#FAFAFA", "#F0F0F0", "#FFFFFF");

    @TestHTTPResource("/")
    URL base;

    private final List<String> brands = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (String brand : brands) {
            given().delete("/simulator/admin/channels/" + brand + "/chat_mon");
        }
        Db.execute("DELETE FROM channel_watches WHERE brand_id LIKE 'mon-%'");
    }

    @Test
    void aLookThatBecomesInaccessibleFailsWithOneEventAndRecoversWithOne() {
        String brand = brand();
        setLook(brand, ACCESSIBLE);
        String id = create(brand, Map.of());
        JsonPath first = awaitFirstCheck(id);
        assertEquals("passing", first.getString("state"));
        assertEquals(1, snapshots(id));

        setLook(brand, INACCESSIBLE);
        JsonPath failing = checkNow(id);
        assertEquals("failing", failing.getString("state"));
        // #FAFAFA on #FFFFFF is the worst pair of INACCESSIBLE (#F0F0F0 text on white is a little better)
        assertEquals("header.textColor/header.backgroundColor", failing.getString("worstCheck.pair"));
        assertTrue(failing.getDouble("worstCheck.ratio") < 1.1);
        assertEquals(false, failing.getBoolean("worstCheck.passes"));
        assertEquals(2, snapshots(id));
        assertEquals(1, events(id, "channel.accessibility.regressed"));
        assertEquals(1, events(id, "channel.changed"));

        // the same look again: no new snapshot, no new event, but the check is recorded
        JsonPath again = checkNow(id);
        assertEquals("failing", again.getString("state"));
        assertNotEquals(failing.getString("lastCheckedAt"), again.getString("lastCheckedAt"));
        assertEquals(failing.getString("lastChangedAt"), again.getString("lastChangedAt"));
        assertEquals(2, snapshots(id));
        assertEquals(1, events(id, "channel.accessibility.regressed"));
        assertEquals(1, events(id, "channel.changed"));

        setLook(brand, ACCESSIBLE);
        JsonPath recovered = checkNow(id);
        assertEquals("passing", recovered.getString("state"));
        assertTrue(recovered.get("worstCheck") == null, "no failing check any more");
        assertEquals(1, events(id, "channel.accessibility.recovered"));
        assertEquals(1, events(id, "channel.accessibility.regressed"));
        assertEquals(3, snapshots(id));
        // snapshots newest first, with what was fetched, the mapped theme and its report
        viewer().get("/api/v1/channels/" + id + "/snapshots").then().statusCode(200)
                .body("totalItems", equalTo(3)).body("items[0].appearance.colors.textColor", equalTo("#1A1A1A"))
                .body("items[1].report.valid", equalTo(false)).body("items[1].theme.backgroundColor", equalTo("#FFFFFF"))
                .body("items[0].contentHash", notNullValue());
        assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE job_id = '" + id + "' AND action = "
                + "'channel.accessibility.regressed' AND actor LIKE 'system:%' AND details->'worstCheck'->>'pair' = "
                + "'header.textColor/header.backgroundColor'"));
    }

    @Test
    void unreachableAfterThreeFailedFetchesNotBefore() {
        String brand = brand();
        setLook(brand, ACCESSIBLE);
        String id = create(brand, Map.of());
        assertEquals("passing", awaitFirstCheck(id).getString("state"));

        setLook(brand, Map.of("fail", Map.of("status", 503)));
        JsonPath one = checkNow(id);
        assertEquals(1, one.getInt("consecutiveFailures"));
        assertEquals("passing", one.getString("state"), "a single failure is not a state change");
        // after a failed fetch "check now" joins the back-off (ChannelLimitsTest): here the back-off passes
        assertEquals("passing", afterBackOff(id).getString("state"));
        JsonPath third = afterBackOff(id);
        assertEquals("unreachable", third.getString("state"));
        assertEquals(3, third.getInt("consecutiveFailures"));
        assertEquals(1, events(id, "channel.unreachable"));
        assertEquals("unreachable", afterBackOff(id).getString("state"));
        assertEquals(1, events(id, "channel.unreachable"), "one event per state change, not per failed fetch");
        assertEquals(1, snapshots(id));

        setLook(brand, ACCESSIBLE);
        JsonPath back = afterBackOff(id);
        assertEquals("passing", back.getString("state"));
        assertEquals(0, back.getInt("consecutiveFailures"));
        assertEquals(1, snapshots(id), "the look itself did not change");
    }

    @Test
    void aLookThatDiffersFromTheLinkedDraftIsDrifted() {
        String brand = brand();
        setLook(brand, ACCESSIBLE);
        String themeId = given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).contentType(ContentType.JSON)
                .body(Map.of("brandId", brand, "channelId", "chat_mon", "env", "c1", "domain", "niceincontact.com"))
                .post("/api/v1/themes/import").then().statusCode(201).extract().path("id");
        String id = create(brand, Map.of("themeId", themeId));
        JsonPath first = awaitFirstCheck(id);
        assertEquals("passing", first.getString("state"), "imported from this look: no drift");
        assertEquals(List.of(), first.getList("driftFields"));

        setLook(brand, OTHER_ACCESSIBLE);
        JsonPath drifted = checkNow(id);
        assertEquals("drifted", drifted.getString("state"));
        List<String> fields = drifted.getList("driftFields");
        assertTrue(fields.contains("backgroundColor") && fields.contains("header.backgroundColor"), fields.toString());
        assertTrue(!fields.contains("name") && !fields.contains("font.family"), "not part of the live look: " + fields);
        assertEquals(1, events(id, "channel.drifted"));
        viewer().get("/api/v1/channels?state=drifted").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void createListGetDeleteWithValidationAndRoles() {
        String brand = brand();
        Map<String, Object> body = Map.of("brandId", brand, "channelId", "chat_mon", "env", "C1", "domain",
                "niceincontact.com", "name", "Support EU", "intervalSeconds", 600);
        given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/channels").then().statusCode(403);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/channels").then().statusCode(401);
        String id = publisher().body(body).post("/api/v1/channels").then().statusCode(201)
                .header("Location", containsString("/api/v1/channels/")).body("state", equalTo("pending"))
                .body("env", equalTo("c1")).body("name", equalTo("Support EU")).body("intervalSeconds", equalTo(600))
                .body("themeId", nullValue()).extract().path("id");
        publisher().body(body).post("/api/v1/channels").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(id));
        for (Map.Entry<Map<String, Object>, String> bad : Map.of(
                with(body, "intervalSeconds", 59), "intervalSeconds",
                with(body, "domain", "evil.com/@x"), "domain",
                with(body, "brandId", "a/b"), "brandId",
                with(body, "themeId", "not-a-uuid"), "themeId",
                with(body, "themeId", UUID.randomUUID().toString()), "themeId",
                with(body, "name", " "), "name").entrySet()) {
            publisher().body(bad.getKey()).post("/api/v1/channels").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.path", hasItem(bad.getValue()));
        }
        publisher().body(Map.of("brandId", brand)).post("/api/v1/channels").then().statusCode(400)
                .body("errors.path", hasItem("channelId"));

        for (String role : List.of(Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER)) {
            given().header("Authorization", TestTokens.bearer(role)).get("/api/v1/channels/" + id).then()
                    .statusCode(200).body("brandId", equalTo(brand));
        }
        given().header("Authorization", TestTokens.bearer(Roles.AUDITOR)).get("/api/v1/channels").then().statusCode(403);
        viewer().queryParam("size", 100).get("/api/v1/channels").then().statusCode(200).body("items.id", hasItem(id))
                .body("pageSize", equalTo(100));
        viewer().queryParam("state", "green").get("/api/v1/channels").then().statusCode(400)
                .body("errors[0].path", equalTo("state"));
        viewer().get("/api/v1/channels/not-a-uuid").then().statusCode(400).body("errors[0].path", equalTo("id"));
        String unknown = UUID.randomUUID().toString();
        viewer().get("/api/v1/channels/" + unknown).then().statusCode(404).contentType("application/problem+json");
        publisher().post("/api/v1/channels/" + unknown + "/check").then().statusCode(404);
        viewer().get("/api/v1/channels/" + unknown + "/snapshots").then().statusCode(404);
        viewer().post("/api/v1/channels/" + id + "/check").then().statusCode(403);
        publisher().post("/api/v1/channels/" + id + "/check").then().statusCode(202);

        viewer().delete("/api/v1/channels/" + id).then().statusCode(403);
        publisher().delete("/api/v1/channels/" + id).then().statusCode(204);
        viewer().get("/api/v1/channels/" + id).then().statusCode(404);
        publisher().delete("/api/v1/channels/" + id).then().statusCode(404);
        assertEquals(1, events(id, "channel.watch.created"));
        assertEquals(1, events(id, "channel.watch.deleted"));
    }

    @Test
    void theCsvReportQuotesAndNeutralisesFormulas() {
        String brand = brand();
        setLook(brand, INACCESSIBLE);
        String id = create(brand, Map.of("name", "=HYPERLINK(\"http://x\",\"y\"), \"quoted\""));
        assertEquals("failing", awaitFirstCheck(id).getString("state"));

        viewer().queryParam("format", "json").queryParam("size", 100).get("/api/v1/channels/report").then()
                .statusCode(200).body("counts.failing", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("items.find { it.id == '" + id + "' }.worstPair", equalTo("header.textColor/header.backgroundColor"))
                .body("items.find { it.id == '" + id + "' }.suggestion", notNullValue());
        String csv = viewer().queryParam("format", "csv").get("/api/v1/channels/report").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertTrue(csv.startsWith("id,name,brandId,channelId,env,domain,state,worstPair,ratio,required,suggestion,"
                + "lastCheckedAt,lastChangedAt,driftFields\r\n"), csv);
        String row = csv.lines().filter(l -> l.startsWith(id)).findFirst().orElseThrow();
        assertTrue(row.startsWith(id + ",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\"), \"\"quoted\"\"\"," + brand
                + ",chat_mon,c1,niceincontact.com,failing,header.textColor/header.backgroundColor,"), row);
        viewer().queryParam("format", "xlsx").get("/api/v1/channels/report").then().statusCode(400)
                .body("errors[0].path", equalTo("format"));
    }

    @Test
    void theEventStreamShowsStateChangesAndLookChanges() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/channels/events"))
                .header("Authorization", TestTokens.bearer(Roles.VIEWER)).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        try (Stream<String> body = response.body()) {
            Iterator<String> lines = body.filter(l -> l.startsWith("data:")).iterator();
            assertTimeoutPreemptively(Waits.PATIENCE, () -> {
                readUntil(lines, "\"type\":\"ready\"", null); // listening: nothing from here on is missed
                String brand = brand();
                setLook(brand, ACCESSIBLE);
                String id = create(brand, Map.of());
                String state = readUntil(lines, "\"type\":\"state\"", id);
                assertTrue(state.contains("\"from\":\"pending\"") && state.contains("\"to\":\"passing\""), state);
                setLook(brand, INACCESSIBLE);
                publisher().post("/api/v1/channels/" + id + "/check").then().statusCode(202);
                String next = readUntil(lines, "\"watchId\":\"" + id + "\"", id);
                String after = readUntil(lines, "\"watchId\":\"" + id + "\"", id);
                List<String> both = List.of(next, after);
                assertTrue(both.stream().anyMatch(l -> l.contains("\"type\":\"state\"") && l.contains("\"to\":\"failing\"")),
                        both.toString());
                assertTrue(both.stream().anyMatch(l -> l.contains("\"type\":\"changed\"")), both.toString());
            });
        }
    }

    @Test
    void checksAreMetered() {
        String brand = brand();
        setLook(brand, ACCESSIBLE);
        awaitFirstCheck(create(brand, Map.of()));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("channels_checks_total{outcome=\"passing\"}"), "counter of checks");
        assertTrue(metrics.contains("channels_watches{state=\"failing\"}"), "gauge of watches by state");
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
        String brand = "mon-" + UUID.randomUUID().toString().substring(0, 8);
        brands.add(brand);
        return brand;
    }

    private static Map<String, Object> look(String button, String header, String headerFont, String text,
            String background) {
        return Map.of("colors", Map.of("buttonColor", button, "headerBgColor", header, "headerFontColor", headerFont,
                "themeColor", button, "textColor", text, "widgetBgColor", background, "widgetFontColor", text),
                "widget", Map.of("appearance", "bubble", "position", "right"), "customCss", "");
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    private static void setLook(String brand, Map<String, Object> look) {
        given().contentType(ContentType.JSON).body(look).put("/simulator/admin/channels/" + brand + "/chat_mon")
                .then().statusCode(200);
    }

    private static String create(String brand, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("brandId", brand, "channelId", "chat_mon", "env", "c1",
                "domain", "niceincontact.com", "intervalSeconds", 3600));
        body.putAll(extra);
        return publisher().body(body).post("/api/v1/channels").then().statusCode(201).extract().path("id");
    }

    /** The check a new watch gets at once. */
    private static JsonPath awaitFirstCheck(String id) {
        return Waits.until("the first check of " + id, () -> watch(id), w -> w.get("lastCheckedAt") != null);
    }

    /** Asks for a check and waits until it is recorded (its lastCheckedAt moved). */
    private static JsonPath checkNow(String id) {
        String before = watch(id).getString("lastCheckedAt");
        publisher().post("/api/v1/channels/" + id + "/check").then().statusCode(202);
        return Waits.until("a check of " + id + " after " + before, () -> watch(id),
                w -> w.get("lastCheckedAt") != null && !w.getString("lastCheckedAt").equals(before));
    }

    /**
     * The failed fetch's back-off passes (time passes when the test says so: the watch's next try is moved to now) and
     * the retry is awaited.
     */
    private static JsonPath afterBackOff(String id) {
        String before = watch(id).getString("lastCheckedAt");
        Db.execute("UPDATE channel_watches SET next_check_at = now() WHERE id = '" + id + "'");
        return Waits.until("the retry of " + id + " after " + before, () -> watch(id),
                w -> w.get("lastCheckedAt") != null && !w.getString("lastCheckedAt").equals(before));
    }

    private static JsonPath watch(String id) {
        return viewer().get("/api/v1/channels/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static long snapshots(String id) {
        return Db.count("SELECT count(*) FROM channel_snapshots WHERE watch_id = '" + id + "'");
    }

    private static long events(String watchId, String action) {
        return Db.count("SELECT count(*) FROM audit_events WHERE job_id = '" + watchId + "' AND action = '" + action
                + "'");
    }

    private static RequestSpecification publisher() {
        return given().header("Authorization", "Bearer " + TestTokens.token("platform-team", Roles.PUBLISHER))
                .contentType(ContentType.JSON);
    }

    private static RequestSpecification viewer() {
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER));
    }
}
