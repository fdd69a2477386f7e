package io.cxone.themes.simulator;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Test helpers that drive the running simulator over real HTTP. */
final class Sim {
    static final String BASE = "/simulator/cxone";
    static final String TOKEN = BASE + "/oauth/token";
    static final String MSG = BASE + "/api/v1/omnichannel/webmessaging";
    static final String ADMIN = "/simulator/admin";

    private Sim() {
    }

    static void reset() {
        given().post(ADMIN + "/reset").then().statusCode(204);
    }

    static String token() {
        return given().auth().preemptive().basic("sim-client", "sim-secret")
                .formParam("grant_type", "client_credentials")
                .post(TOKEN).then().statusCode(200).extract().path("access_token");
    }

    static void faults(Map<String, Object> faults) {
        given().contentType(ContentType.JSON).body(faults).put(ADMIN + "/faults").then().statusCode(200);
    }

    static RequestSpecification api(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** A valid snake_case theme body for the create endpoint. */
    static Map<String, Object> theme(String id, String versionTag) {
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
    static String createTheme(String token, String widgetId, String versionTag) {
        String id = UUID.randomUUID().toString();
        api(token).body(theme(id, versionTag)).post(MSG + "/widgets/" + widgetId + "/themes").then().statusCode(201);
        return id;
    }

    static Map<String, Object> stats() {
        return given().get(ADMIN + "/stats").then().statusCode(200).extract().jsonPath().getMap("$");
    }

    @SuppressWarnings("unchecked")
    static long count(String route, String status) {
        Map<String, Map<String, Number>> requests = (Map<String, Map<String, Number>>) stats().get("requests");
        Number n = requests.getOrDefault(route, Map.of()).get(status);
        return n == null ? 0 : n.longValue();
    }
}
