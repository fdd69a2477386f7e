package io.cxone.themes.rollout;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The rollout states RolloutFlowTest leaves out: SCHEDULED by the widget policy's window, the live channel gate on a
 * real watch, and the progress stream of a rollout that changes while it is read. Same ground as RolloutFlowTest: the
 * built-in simulator, the job engine, waits on state (never on time).
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class RolloutStatesTest {
    /** A look that passes every contrast check, and one that fails them (ChannelMonitorTest's). */
    private static final Map<String, Object> ACCESSIBLE = look("#1F3A93", "#1F3A93", "#FFFFFF", "#1A1A1A", "#FFFFFF");
    private static final Map<String, Object> INACCESSIBLE = look("#FFFFFF", "#FFFFFF", "#FAFAFA", "#F0F0F0", "#FFFFFF");

    @TestHTTPResource("/")
    URL base;

    private String widget;
    private String controlTheme;
    private final List<String> brands = new ArrayList<>();

    @BeforeEach
    void setUp() {
        Sim.reset();
        Sim.faults(Map.of("activationDelayMs", 0));
        widget = "w-rstate-" + UUID.randomUUID().toString().substring(0, 8);
        controlTheme = TestPublications.cxoneThemeId(TestPublications.active(widget));
    }

    @AfterEach
    void cleanUp() {
        for (String brand : brands) {
            given().delete("/simulator/admin/channels/" + brand + "/chat_ro");
        }
        Db.execute("DELETE FROM channel_watches WHERE brand_id LIKE 'ro-%'");
    }

    @Test
    void outsideThePolicysWindowsItWaitsScheduledWithNothingSentThenRunsAtTheStart() {
        Instant before = Instant.now();
        publisher().body(Map.of("approvals", 0, "windows", List.of(notTodayWindow(before))))
                .put("/api/v1/widgets/" + widget + "/policy").then().statusCode(200);
        fasterThanAnyVariant();
        long themesBefore = themesOn(widget);
        String id = start(TestPublications.draft(""), Map.of("stages", List.of(10, 100), "holdSeconds", 1,
                "gates", Map.of("minSamples", 5)));
        JsonPath r = get(id);
        assertEquals("SCHEDULED", r.getString("state"), r.prettify());
        String publication = r.getString("publicationId");
        JsonPath p = publication(publication);
        assertEquals("SCHEDULED", p.getString("state"), p.prettify());
        Instant runAt = Instant.parse(p.getString("runAt"));
        assertTrue(runAt.equals(nextMidnightUtc(before)) || runAt.equals(nextMidnightUtc(Instant.now())), p.prettify());
        // a publication requested later on another widget goes out meanwhile: the engines ran; this one still waits
        String other = publisher().body(Map.of("themeId", TestPublications.draft("")))
                .post("/api/v1/widgets/" + widget + "-other/publications").then().statusCode(202).extract().path("id");
        Waits.until("publication " + other + " ACTIVE", () -> publication(other),
                j -> List.of("ACTIVE", "FAILED").contains(j.getString("state")));
        JsonPath still = get(id);
        assertEquals("SCHEDULED", still.getString("state"), still.prettify());
        assertEquals(0, still.getInt("variantPercent"));
        assertEquals(null, still.getString("stage"));
        assertEquals("SCHEDULED", publication(publication).getString("state"));
        assertEquals(themesBefore, themesOn(widget), "the variant's theme did not reach CXone before its window");
        assertEquals(List.of(Map.of("theme_id", controlTheme, "traffic_weight", 1.0f)), simAssignments());
        // the window opens: the clock reaching runAt is the engine's due time reaching the database's now
        Db.execute("UPDATE publications SET run_at = now() WHERE id = '" + publication + "' AND state = 'SCHEDULED'");
        JsonPath promoted = until(id, "PROMOTED");
        assertEquals(themesBefore + 1, themesOn(widget));
        assertEquals(List.of(Map.of("theme_id", promoted.getString("variantCxoneThemeId"), "traffic_weight", 1.0f)),
                simAssignments());
        assertTrue(Db.count("SELECT count(*) FROM audit_events WHERE publication_id = '" + publication
                + "' AND action = 'publication.released'") == 1, "released once, at its start");
    }

    @Test
    void aFailingLiveChannelWatchFailsTheGateAndRollsBack() {
        String theme = watchedTheme(false);
        fasterThanAnyVariant(); // every p95 gate passes: only the watch can stop the variant
        String id = start(theme, Map.of("stages", List.of(10, 100), "holdSeconds", 1,
                "gates", Map.of("minSamples", 5, "liveChannelPassing", true)));
        JsonPath r = until(id, "ROLLED_BACK");
        assertEquals("liveChannelPassing", r.getString("lastGate.failed"), r.prettify());
        assertEquals(List.of("failing"), r.getList("lastGate.watches"));
        assertTrue(r.getString("lastGate.reason").contains("not all passing"), r.prettify());
        assertEquals(0, r.getInt("variantPercent"));
        assertEquals(List.of(Map.of("theme_id", controlTheme, "traffic_weight", 1.0f)), simAssignments());
        audited(id, "rollout.rolled_back");
    }

    @Test
    void aPassingLiveChannelWatchLetsTheGatePass() {
        String theme = watchedTheme(true);
        fasterThanAnyVariant();
        String id = start(theme, Map.of("stages", List.of(10, 100), "holdSeconds", 1,
                "gates", Map.of("minSamples", 5, "liveChannelPassing", true)));
        JsonPath r = until(id, "PROMOTED");
        assertEquals(List.of("passing"), r.getList("lastGate.watches"), r.prettify());
        assertEquals(null, r.getString("lastGate.failed"));
        assertEquals(0, r.getInt("lastGate.stage"));
    }

    @Test
    void theProgressStreamReadsRunningThenTheEndInOrder() throws IOException, InterruptedException {
        String id = start(TestPublications.draft(""), Map.of("stages", List.of(20, 100), "holdSeconds", 3600));
        Waits.until("the first stage", () -> get(id), r -> r.getString("stageStartedAt") != null);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/rollouts/" + id + "/events"))
                .header("Authorization", TestTokens.bearer(Roles.VIEWER)).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        List<String> states = new ArrayList<>();
        try (Stream<String> body = response.body()) {
            Iterator<String> lines = body.filter(l -> l.startsWith("data:")).iterator();
            assertTimeoutPreemptively(Waits.PATIENCE, () -> {
                states.add(state(lines.next())); // the current rollout first: listening from here on
                publisher().post("/api/v1/rollouts/" + id + "/promote").then().statusCode(202);
                while (lines.hasNext()) { // the stream ends once the rollout is over
                    states.add(state(lines.next()));
                }
            });
        }
        assertEquals("RUNNING", states.get(0), states.toString());
        assertEquals("PROMOTED", states.get(states.size() - 1), states.toString());
        assertTrue(states.subList(0, states.size() - 1).stream().allMatch("RUNNING"::equals), states.toString());
        assertEquals("PROMOTED", get(id).getString("state"));
    }

    /**
     * A draft imported from a channel's accessible look, with a watch on that channel linked to it; the watch's first
     * check is awaited, and when {@code passing} is false the look turns inaccessible and a second check is awaited.
     */
    private String watchedTheme(boolean passing) {
        String brand = "ro-" + UUID.randomUUID().toString().substring(0, 8);
        brands.add(brand);
        setLook(brand, ACCESSIBLE);
        Map<String, Object> channel = Map.of("brandId", brand, "channelId", "chat_ro", "env", "c1", "domain",
                "niceincontact.com");
        String theme = given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).contentType(ContentType.JSON)
                .body(channel).post("/api/v1/themes/import").then().statusCode(201).extract().path("id");
        Map<String, Object> watch = new HashMap<>(channel);
        watch.put("intervalSeconds", 3600);
        watch.put("themeId", theme);
        String watchId = publisher().body(watch).post("/api/v1/channels").then().statusCode(201).extract().path("id");
        JsonPath first = Waits.until("the first check of " + watchId, () -> watch(watchId),
                w -> w.get("lastCheckedAt") != null);
        assertEquals("passing", first.getString("state"), first.prettify());
        if (!passing) {
            setLook(brand, INACCESSIBLE);
            String checked = first.getString("lastCheckedAt");
            publisher().post("/api/v1/channels/" + watchId + "/check").then().statusCode(202);
            JsonPath failing = Waits.until("a check of " + watchId + " after " + checked, () -> watch(watchId),
                    w -> !checked.equals(w.getString("lastCheckedAt")));
            assertEquals("failing", failing.getString("state"), failing.prettify());
        }
        return theme;
    }

    private static final Pattern STATE = Pattern.compile("\"state\":\"([A-Z_]+)\"");

    private static String state(String dataLine) {
        Matcher m = STATE.matcher(dataLine);
        assertTrue(m.find(), dataLine);
        return m.group(1);
    }

    /** The control at 100 s each: any variant's p95 is within 1.2 × that. */
    private void fasterThanAnyVariant() {
        Sim.admin().contentType(ContentType.JSON).body(Map.of("themeId", controlTheme, "themeLoadP95Ms", 100_000,
                "renderP95Ms", 100_000, "firstPaintP95Ms", 100_000)).put(Sim.ADMIN + "/analytics").then().statusCode(200);
    }

    /** A window on every day but today (UTC), all day: it opens next at midnight UTC. */
    private static Map<String, Object> notTodayWindow(Instant now) {
        DayOfWeek today = now.atZone(ZoneOffset.UTC).getDayOfWeek();
        List<String> days = Arrays.stream(DayOfWeek.values()).filter(d -> d != today)
                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT)).toList();
        return Map.of("days", days, "from", "00:00", "to", "23:59", "zone", "UTC");
    }

    private static Instant nextMidnightUtc(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private String start(String themeId, Map<String, Object> body) {
        Map<String, Object> request = new HashMap<>(body);
        request.put("themeId", themeId);
        return publisher().body(request).post("/api/v1/widgets/" + widget + "/rollouts").then().statusCode(202)
                .extract().path("id");
    }

    private static RequestSpecification publisher() {
        return given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON);
    }

    private static JsonPath get(String id) {
        return viewer("/api/v1/rollouts/" + id);
    }

    private static JsonPath publication(String id) {
        return viewer("/api/v1/publications/" + id);
    }

    private static JsonPath watch(String id) {
        return viewer("/api/v1/channels/" + id);
    }

    private static JsonPath viewer(String path) {
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get(path).then().statusCode(200)
                .extract().jsonPath();
    }

    /** Waits for {@code state}; an end other than it fails at once with the rollout shown. */
    private static JsonPath until(String id, String state) {
        List<String> over = List.of("PROMOTED", "ROLLED_BACK", "ABORTED", "FAILED", "STALLED");
        JsonPath r = Waits.until("rollout " + id + " " + state, () -> get(id),
                p -> state.equals(p.getString("state")) || over.contains(p.getString("state")));
        assertEquals(state, r.getString("state"), r.prettify());
        return r;
    }

    private List<Map<String, Object>> simAssignments() {
        return Sim.api(Sim.token()).get(Sim.MSG + "/widgets/" + widget + "/theme-assignments").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    @SuppressWarnings("unchecked")
    private static long themesOn(String widget) {
        Number n = ((Map<String, Number>) Sim.stats().get("themesPerWidget")).get(widget);
        return n == null ? 0 : n.longValue();
    }

    private static void setLook(String brand, Map<String, Object> look) {
        given().contentType(ContentType.JSON).body(look).put("/simulator/admin/channels/" + brand + "/chat_ro").then()
                .statusCode(200);
    }

    private static Map<String, Object> look(String button, String header, String headerFont, String text,
            String background) {
        return Map.of("colors", Map.of("buttonColor", button, "headerBgColor", header, "headerFontColor", headerFont,
                "themeColor", button, "textColor", text, "widgetBgColor", background, "widgetFontColor", text),
                "widget", Map.of("appearance", "bubble", "position", "right"), "customCss", "");
    }

    private static void audited(String id, String action) {
        assertFalse(Db.count("SELECT count(*) FROM audit_events WHERE job_id = '" + id + "' AND action = '" + action
                + "'") == 0, action + " audited");
    }
}
