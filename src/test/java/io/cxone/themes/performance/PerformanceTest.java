package io.cxone.themes.performance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Widget performance summaries computed from the simulator's series, checked against an independent calculation. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class PerformanceTest {

    @Test
    void summariesMatchTheRawSeriesByNearestRank() {
        String widget = "perf-widget-1";
        JsonPath raw = Sim.api(Sim.token()).queryParam("widget_id", widget).queryParam("start_date", "2026-01-01")
                .queryParam("end_date", "2026-01-20").queryParam("metrics", "first_paint,theme_load_time,render_duration")
                .get("/simulator/cxone/api/v1/analytics/webmessaging/widget-performance").then().statusCode(200)
                .extract().jsonPath();
        JsonPath ours = viewer().queryParam("from", "2026-01-01").queryParam("to", "2026-01-20")
                .get("/api/v1/widgets/" + widget + "/performance").then().statusCode(200).extract().jsonPath();
        for (String metric : PerformanceService.METRICS) {
            List<Integer> values = raw.getList("series." + metric + ".value", Integer.class);
            List<Integer> sorted = values.stream().sorted().toList();
            assertEquals(20, ours.getInt("metrics." + metric + ".days"));
            assertEquals(sorted.get(9), ours.getDouble("metrics." + metric + ".p50"), 0, metric + " p50 = 10th of 20");
            assertEquals(sorted.get(18), ours.getDouble("metrics." + metric + ".p95"), 0, metric + " p95 = 19th of 20");
            assertEquals(values.stream().mapToInt(Integer::intValue).average().orElseThrow(),
                    ours.getDouble("metrics." + metric + ".mean"), 1e-9, metric + " mean");
        }
        assertEquals(1, ours.getList("byTheme").size(), "no theme was live in January: one group without a theme");
    }

    @Test
    void daysOfOurPublishedThemeAreAttributedToItsVersion() {
        String widget = "perf-widget-2";
        String themeId = given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).contentType(ContentType.JSON)
                .body(SampleThemes.enterpriseDarkModeJson()).post("/api/v1/themes").then().statusCode(201).extract().path("id");
        Sim.faults(Map.of("activationDelayMs", 0)); // live at once: the analytics attribute today to it
        String cxoneId = Sim.createTheme(Sim.token(), widget, "v1-perf");
        String publicationId = java.util.UUID.randomUUID().toString();
        Db.execute("INSERT INTO publications (id, widget_id, theme_id, theme_version, content_hash, version_tag, "
                + "requested_version_tag, on_conflict, cxone_theme_id, state, requested_by, created_at, deadline_at, "
                + "run_at, updated_at) "
                + "VALUES ('" + publicationId + "', '" + widget + "', '" + themeId + "', 1, 'h', 'v1-perf', 'v1-perf', 'fail', '"
                + cxoneId + "', 'ACTIVE', 'test', now(), now(), now(), now())");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        viewer().queryParam("from", today).queryParam("to", today).get("/api/v1/widgets/" + widget + "/performance")
                .then().statusCode(200).body("byTheme[0].cxoneThemeId", equalTo(cxoneId))
                .body("byTheme[0].publicationId", equalTo(publicationId)).body("byTheme[0].themeId", equalTo(themeId))
                .body("byTheme[0].version", equalTo(1)).body("byTheme[0].metrics.first_paint.days", equalTo(1));
    }

    @Test
    void badRangesAndRolesAreRefused() {
        viewer().queryParam("from", "2026-02-01").queryParam("to", "2026-01-01").get("/api/v1/widgets/w/performance")
                .then().statusCode(400).body("errors[0].path", equalTo("to"));
        viewer().queryParam("from", "yesterday").get("/api/v1/widgets/w/performance").then().statusCode(400)
                .body("errors[0].path", equalTo("from"));
        viewer().get("/api/v1/widgets/bad%20id/performance").then().statusCode(400);
        given().header("Authorization", TestTokens.bearer(Roles.AUDITOR)).get("/api/v1/widgets/w/performance")
                .then().statusCode(403);
        given().get("/api/v1/widgets/w/performance").then().statusCode(401);
    }

    private static io.restassured.specification.RequestSpecification viewer() {
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER));
    }
}
