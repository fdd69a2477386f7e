package io.cxone.themes.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Drives the running built-in CXone simulator over real HTTP: reset, faults, seeding and its counters. */
public final class Sim {
    public static final String BASE = "/simulator/cxone";
    public static final String TOKEN = BASE + "/oauth/token";
    public static final String MSG = BASE + "/api/v1/omnichannel/webmessaging";
    public static final String ADMIN = "/simulator/admin";

    private Sim() {
    }

    /**
     * A request to the admin API. A packaged (prod) jar serving the simulator asks for a token with role
     * simulator-admin; a test application's admin API is open and never looks at the header.
     */
    public static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer("simulator-admin"));
    }

    public static void reset() {
        given().post(ADMIN + "/reset").then().statusCode(204);
    }

    public static String token() {
        return given().auth().preemptive().basic("sim-client", "sim-secret")
                .formParam("grant_type", "client_credentials")
                .post(TOKEN).then().statusCode(200).extract().path("access_token");
    }

    public static void faults(Map<String, Object> faults) {
        given().contentType(ContentType.JSON).body(faults).put(ADMIN + "/faults").then().statusCode(200);
    }

    public static RequestSpecification api(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** A valid snake_case theme body for the create endpoint. */
    public static Map<String, Object> theme(String id, String versionTag) {
        Map<String, Object> theme = new LinkedHashMap<>();
        theme.put("id", id);
        theme.put("version_tag", versionTag);
        theme.put("name", "Enterprise Dark Mode");
        theme.put("background_color", "#1A1A1A");
        theme.put("primary_color", "#00E676");
        theme.put("font", Map.of("family", "Inter", "size_px", 14, "weight", 500, "color", "#FFFFFF"));
        theme.put("buttons", List.of(Map.of("label", "Start Chat", "color", "#00E676", "text_color", "#000000",
                "position", "center")));
        theme.put("border_radius_px", 8);
        theme.put("max_width_px", 360);
        return theme;
    }

    /** Creates a theme on the widget and answers its id. */
    public static String createTheme(String token, String widgetId, String versionTag) {
        String id = UUID.randomUUID().toString();
        api(token).body(theme(id, versionTag)).post(MSG + "/widgets/" + widgetId + "/themes").then().statusCode(201);
        return id;
    }

    public static Map<String, Object> stats() {
        return given().get(ADMIN + "/stats").then().statusCode(200).extract().jsonPath().getMap("$");
    }

    @SuppressWarnings("unchecked")
    public static long count(String route, String status) {
        Map<String, Map<String, Number>> requests = (Map<String, Map<String, Number>>) stats().get("requests");
        Number n = requests.getOrDefault(route, Map.of()).get(status);
        return n == null ? 0 : n.longValue();
    }

    /** Replaces a widget's assignments with equal weights over the given themes. */
    public static void assignEqually(String token, String widgetId, List<String> themeIds) {
        double weight = 1.0 / themeIds.size();
        List<Map<String, Object>> assignments = themeIds.stream()
                .map(id -> Map.<String, Object>of("theme_id", id, "traffic_weight", weight)).toList();
        api(token).body(Map.of("widget_id", widgetId, "assignments", assignments, "strategy", "weighted_random"))
                .put(MSG + "/widgets/" + widgetId + "/theme-assignments").then().statusCode(200);
    }

    /** Stops the simulator's clock at {@code base} ("" = the test instance): time passes only by {@link #advance}. */
    public static void freezeClock(String base) {
        clock(base, Map.of("freeze", true));
    }

    /** Lets the simulator's clock at {@code base} run again. */
    public static void runClock(String base) {
        clock(base, Map.of("freeze", false));
    }

    /** Moves the simulator's clock forward: tokens expire, activations complete, rate-limit buckets refill. */
    public static void advance(Duration by) {
        clock("", Map.of("advanceMs", by.toMillis()));
    }

    private static void clock(String base, Map<String, Object> change) {
        admin().contentType(ContentType.JSON).body(change).post(base + ADMIN + "/clock").then().statusCode(200);
    }

    public static long tokensIssued() {
        return ((Number) stats().get("tokensIssued")).longValue();
    }

    public static long earlyRetries() {
        return ((Number) stats().get("earlyRetries")).longValue();
    }

    /** Marks every issued token expired, as if an hour had passed. */
    public static void expireTokens() {
        given().post(ADMIN + "/tokens/expire").then().statusCode(204);
    }

    /** The stats key of the token endpoint. */
    public static final String TOKEN_ROUTE = "POST /oauth/token";

    /** The stats key of CXone's assignment list. */
    public static final String ASSIGNMENTS_ROUTE = "GET /api/v1/omnichannel/webmessaging/widgets/{widgetId}/theme-assignments";
}
