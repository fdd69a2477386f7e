package io.cxone.themes.simulator;

import io.cxone.themes.support.Sim;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(SimulatorForcedOnTest.ForcedOn.class)
class SimulatorForcedOnTest {

    /** A CXone URL is configured, but the simulator is switched on explicitly (with its own client id). */
    public static class ForcedOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxone.base-url", "https://cxone.invalid", "cxone.simulator.enabled", "true",
                    "cxone.simulator.client-id", "other-client", "cxone.simulator.latency-ms", "5");
        }
    }

    @Test
    void explicitEnabledWinsOverABaseUrlAndConfigSetsCredentialsAndDefaults() {
        given().auth().preemptive().basic("sim-client", "sim-secret").formParam("grant_type", "client_credentials")
                .post(Sim.TOKEN).then().statusCode(401);
        given().auth().preemptive().basic("other-client", "sim-secret").formParam("grant_type", "client_credentials")
                .post(Sim.TOKEN).then().statusCode(200);
        given().get(Sim.ADMIN + "/faults").then().statusCode(200).body("latencyMs", equalTo(5));
        given().post(Sim.ADMIN + "/reset").then().statusCode(204);
        given().get(Sim.ADMIN + "/faults").then().statusCode(200).body("latencyMs", equalTo(5));
    }
}
