package io.cxone.themes.simulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.restassured.http.ContentType;

/**
 * The packaged (prod) jar: with neither a CXone URL nor CXONE_SIMULATOR=true it refuses to start and names both; with
 * the switch it serves the simulator, says so in a WARN, and its admin API needs a token with role simulator-admin.
 */
class SimulatorProdIT {

    @Test
    void refusesToStartWithNeitherCxoneNorTheSwitch() {
        Map<String, String> props = new HashMap<>(ServiceProcess.trustingTestTokens());
        props.put("app.embedded-db.dir", "target/simulator-prod-it-off-pg");
        props.put("cxone.simulator.enabled", "false"); // what a prod jar has when CXONE_SIMULATOR is not set
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ServiceProcess.start("simulator-prod-it-off", props).close());
        assertTrue(failure.getMessage().contains("CXONE_BASE_URL") && failure.getMessage().contains("CXONE_SIMULATOR=true"),
                failure.getMessage());
    }

    @Test
    void withTheSwitchTheAdminApiNeedsTheSimulatorAdminRole() {
        Map<String, String> props = new HashMap<>(ServiceProcess.trustingTestTokens());
        props.put("app.embedded-db.dir", "target/simulator-prod-it-on-pg");
        try (ServiceProcess service = ServiceProcess.start("simulator-prod-it-on", props)) {
            assertTrue(service.log().matches("(?s).*WARN.*CXone simulator ON in a packaged service.*"), service.log());
            Map<String, Object> faults = Map.of("errorRate", 1);
            // refused as a problem document, like every other refusal of the service
            given().contentType(ContentType.JSON).body(faults).put(service.url(Sim.ADMIN + "/faults"))
                    .then().statusCode(401).contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("simulator-admin"));
            given().post(service.url(Sim.ADMIN + "/reset")).then().statusCode(401).header("WWW-Authenticate", "Bearer");
            given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).get(service.url(Sim.ADMIN + "/stats"))
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("status", org.hamcrest.Matchers.equalTo(403));
            given().header("Authorization", TestTokens.bearer(Roles.SIMULATOR_ADMIN)).get(service.url(Sim.ADMIN + "/faults"))
                    .then().statusCode(200);
            // the CXone API itself keeps its own OAuth, as CXone's does
            given().auth().preemptive().basic("sim-client", "sim-secret").formParam("grant_type", "client_credentials")
                    .post(service.url(Sim.TOKEN)).then().statusCode(200);
        }
    }
}
