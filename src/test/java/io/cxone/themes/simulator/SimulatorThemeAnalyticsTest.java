package io.cxone.themes.simulator;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Sim;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Per-theme analytics follow the simulator's clock and each theme's share of the widget's traffic. */
@QuarkusTest
class SimulatorThemeAnalyticsTest {
    private static final String PERF = Sim.BASE + "/api/v1/analytics/webmessaging/theme-performance";
    private String token;

    @BeforeEach
    void reset() {
        Sim.reset();
        Sim.faults(Map.of("activationDelayMs", 0));
        token = Sim.token();
        Sim.freezeClock("");
    }

    @AfterEach
    void runClock() {
        Sim.runClock("");
    }

    @Test
    void samplesAccrueWithTheThemesShareOfTrafficOverSimulatedTime() {
        String control = Sim.createTheme(token, "wa", "v1");
        String variant = Sim.createTheme(token, "wa", "v2");
        String start = now();
        split("wa", control, 0.8, variant, 0.2);
        analytics(Map.of("themeId", variant, "samplesPerMinute", 600, "themeLoadP95Ms", 900));
        Sim.advance(Duration.ofSeconds(60));
        query("wa", variant, start).body("samples", equalTo(120)) // 600 a minute at a fifth of the traffic
                .body("p95.theme_load_time", equalTo(900)).body("unit", equalTo("ms"));
        query("wa", control, start).body("samples", equalTo(4800)); // the default 6000 a minute at 80 %
        Sim.advance(Duration.ofSeconds(30));
        query("wa", variant, start).body("samples", equalTo(180));
    }

    @Test
    void aThemeWithoutSamplesHasNoFiguresAndAnUnconfiguredThemeKeepsItsDefaults() {
        String control = Sim.createTheme(token, "wb", "v1");
        String variant = Sim.createTheme(token, "wb", "v2");
        String start = now();
        split("wb", control, 0.5, variant, 0.5);
        analytics(Map.of("themeId", variant, "samplesPerMinute", 0));
        Sim.advance(Duration.ofMinutes(5));
        query("wb", variant, start).body("samples", equalTo(0)).body("p95.first_paint", nullValue());
        ThemeAnalytics.Profile d = ThemeAnalytics.defaults(control);
        query("wb", control, start).body("p95.render_duration", equalTo((int) d.renderP95Ms()))
                .body("p95.first_paint", equalTo((int) d.firstPaintP95Ms()));
    }

    @Test
    void activationOfAThemeUnderASplitReachesNobodyUntilAssigned() {
        String control = Sim.createTheme(token, "wc", "v1");
        split("wc", control, 1.0, null, 0);
        String start = now();
        String variant = Sim.createTheme(token, "wc", "v2");
        Sim.advance(Duration.ofSeconds(60));
        query("wc", variant, start).body("samples", equalTo(0));
        query("wc", control, start).body("samples", equalTo(6000));
    }

    @Test
    void invalidQueriesAndProfilesAre400() {
        Sim.api(token).queryParam("theme_id", "t").queryParam("start_time", "yesterday").get(PERF).then()
                .statusCode(400).body("errors.field", hasItems("widget_id", "start_time"));
        Sim.admin().contentType(ContentType.JSON).body(Map.of("themeId", "t", "renderP95Ms", 0, "fps", 1))
                .put(Sim.ADMIN + "/analytics").then().statusCode(400).body("errors.field", hasItems("renderP95Ms", "fps"));
        Sim.admin().contentType(ContentType.JSON).body(Map.of("renderP95Ms", 10))
                .put(Sim.ADMIN + "/analytics").then().statusCode(400).body("errors[0].field", equalTo("themeId"));
    }

    private static String now() {
        return Sim.admin().get(Sim.ADMIN + "/clock").then().statusCode(200).extract().path("now");
    }

    private void split(String widget, String a, double wa, String b, double wb) {
        List<Map<String, Object>> list = b == null ? List.of(Map.of("theme_id", a, "traffic_weight", wa))
                : List.of(Map.of("theme_id", a, "traffic_weight", wa), Map.of("theme_id", b, "traffic_weight", wb));
        Sim.api(token).body(Map.of("widget_id", widget, "assignments", list, "strategy", "weighted_random"))
                .put(Sim.MSG + "/widgets/" + widget + "/theme-assignments").then().statusCode(200);
    }

    private static void analytics(Map<String, Object> profile) {
        Sim.admin().contentType(ContentType.JSON).body(profile).put(Sim.ADMIN + "/analytics").then().statusCode(200)
                .body("themeId", equalTo(profile.get("themeId")));
    }

    private io.restassured.response.ValidatableResponse query(String widget, String theme, String start) {
        return Sim.api(token).queryParam("widget_id", widget).queryParam("theme_id", theme)
                .queryParam("start_time", start).get(PERF).then().statusCode(200);
    }
}
