package io.cxone.themes.simulator;

import io.cxone.themes.support.Sim;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SimulatorStatsTest {
    private static final String CREATE = "POST /api/v1/omnichannel/webmessaging/widgets/{widgetId}/themes";
    private static final String STATUS = "GET /api/v1/omnichannel/webmessaging/themes/{themeId}/status";

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void countsPerRouteTemplateAndStatus() {
        String token = Sim.token();
        given().formParam("grant_type", "client_credentials").post(Sim.TOKEN).then().statusCode(401);
        String id = Sim.createTheme(token, "w1", "v1");
        Sim.api(token).body(Sim.theme(id, "v2")).post(Sim.MSG + "/widgets/w1/themes").then().statusCode(409);
        Sim.api(token).get(Sim.MSG + "/themes/" + id + "/status").then().statusCode(200);
        Sim.api(token).get(Sim.MSG + "/themes/other/status").then().statusCode(404);
        Sim.api("bad").get(Sim.MSG + "/themes/" + id + "/status").then().statusCode(401);

        Map<String, Object> stats = Sim.stats();
        assertEquals(Map.of(
                "POST /oauth/token", Map.of("200", 1, "401", 1),
                CREATE, Map.of("201", 1, "409", 1),
                STATUS, Map.of("200", 1, "401", 1, "404", 1)), stats.get("requests"));
        assertEquals(1, stats.get("tokensIssued"));
        assertEquals(Map.of("w1", 1), stats.get("themesPerWidget"));
        assertEquals(0, stats.get("earlyRetries"));
        assertEquals(0, stats.get("droppedResponses"));
        assertEquals(2000, ((Map<?, ?>) stats.get("faults")).get("activationDelayMs"));
    }

    @Test
    void resetClearsStateTokensCountersAndFaults() {
        String token = Sim.token();
        String id = Sim.createTheme(token, "w1", "v1");
        Sim.faults(Map.of("latencyMs", 10));
        Sim.reset();
        given().get(Sim.ADMIN + "/stats").then().statusCode(200)
                .body("requests", anEmptyMap()).body("tokensIssued", equalTo(0))
                .body("themesPerWidget", anEmptyMap()).body("batchSyncApplicationsPerWidget", anEmptyMap())
                .body("faults.latencyMs", equalTo(0));
        Sim.api(token).get(Sim.MSG + "/themes/" + id + "/status").then().statusCode(401);
        Sim.api(Sim.token()).get(Sim.MSG + "/themes/" + id + "/status").then().statusCode(404);
        // the version tag is free again
        Sim.createTheme(Sim.token(), "w1", "v1");
    }
}
