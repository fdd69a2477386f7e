package io.cxone.themes.simulator;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(SimulatorDisabledTest.RealCxone.class)
class SimulatorDisabledTest {

    /** A deployment that names a real CXone. */
    public static class RealCxone implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxone.base-url", "https://cxone.invalid");
        }
    }

    @Test
    void noSimulatorRoutesWhenACxoneUrlIsConfigured() {
        given().formParam("grant_type", "client_credentials").auth().preemptive().basic("sim-client", "sim-secret")
                .post("/simulator/cxone/oauth/token").then().statusCode(404);
        given().get("/simulator/admin/stats").then().statusCode(404);
        given().post("/simulator/admin/reset").then().statusCode(404);
        given().get("/simulator/channels/c1/niceincontact.com/chat/1.0/brand/1/channel/x").then().statusCode(404);
    }
}
