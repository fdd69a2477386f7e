package io.cxone.themes.simulator;

import io.cxone.themes.support.Sim;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class SimulatorAnalyticsTest {
    private static final String PERF = Sim.BASE + "/api/v1/analytics/webmessaging/widget-performance";
    private String token;

    @BeforeEach
    void reset() {
        Sim.reset();
        Sim.faults(Map.of("activationDelayMs", 0));
        token = Sim.token();
    }

    @Test
    void dailySeriesPerMetricWithTheActiveTheme() {
        String theme = Sim.createTheme(token, "w1", "v1");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonPath first = series("w1", today.minusDays(2), today, "first_paint,render_duration");
        assertEquals("ms", first.getString("unit"));
        List<Map<String, Object>> paint = first.getList("series.first_paint");
        assertEquals(3, paint.size());
        assertEquals(today.minusDays(2).toString(), paint.get(0).get("date"));
        assertTrue(paint.get(0).containsKey("theme_id") && paint.get(0).get("theme_id") == null);
        assertEquals(theme, paint.get(2).get("theme_id"));
        assertTrue(first.getMap("series").keySet().equals(java.util.Set.of("first_paint", "render_duration")));
        for (Map<String, Object> point : paint) {
            int value = (Integer) point.get("value");
            assertTrue(value >= 400 && value < 1200, "first_paint " + value);
        }
        JsonPath again = series("w1", today.minusDays(2), today, "first_paint,render_duration");
        assertEquals(first.getList("series.first_paint.value"), again.getList("series.first_paint.value"));
        assertNotEquals(first.getList("series.first_paint.value"),
                series("w2", today.minusDays(2), today, "first_paint").getList("series.first_paint.value"));
    }

    @Test
    void defaultsToAllMetrics() {
        Sim.api(token).queryParam("widget_id", "w1").queryParam("start_date", "2026-01-01").queryParam("end_date", "2026-01-01")
                .get(PERF).then().statusCode(200).body("series.theme_load_time", hasSize(1))
                .body("series.first_paint[0].theme_id", nullValue()).body("widget_id", equalTo("w1"));
    }

    @Test
    void invalidDatesAndMetricsAre400() {
        Sim.api(token).queryParam("widget_id", "w1").queryParam("start_date", "2026-13-01").queryParam("end_date", "2026-01-01")
                .queryParam("metrics", "fps").get(PERF).then().statusCode(400).body("errors.field", hasItems("start_date", "metrics"));
        Sim.api(token).queryParam("widget_id", "w1").queryParam("start_date", "2026-02-01").queryParam("end_date", "2026-01-01")
                .get(PERF).then().statusCode(400).body("errors[0].field", equalTo("end_date"));
        Sim.api(token).queryParam("start_date", "2026-01-01").queryParam("end_date", "2026-01-01")
                .get(PERF).then().statusCode(400).body("errors[0].field", equalTo("widget_id"));
    }

    private JsonPath series(String widget, LocalDate from, LocalDate to, String metrics) {
        return Sim.api(token).queryParam("widget_id", widget).queryParam("start_date", from.toString())
                .queryParam("end_date", to.toString()).queryParam("metrics", metrics).get(PERF)
                .then().statusCode(200).extract().jsonPath();
    }
}
