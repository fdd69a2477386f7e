package io.cxone.themes.cxone;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Readiness is this instance's database (migrations run before the service starts); CXone's state is its own health
 * group, probed at most once per cache period, so a CXone outage never takes every pod out of its Service.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@TestProfile(ReadinessTest.PatientProbe.class)
class ReadinessTest {
    /**
     * Its own application (no answer cached by an earlier class); the probe may take as long as this machine needs, and
     * its answer is reused for an hour, so "at most one CXone call for five probes" holds however slow the probes are.
     * A CXone base URL is set (it points at this instance's simulator) and CXONE_SIMULATOR=true forces the simulator
     * on beside it: the health check must report the simulator the routes serve (it read only the base URL once).
     */
    public static class PatientProbe implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxone.health.timeout", "3m", "cxone.health.cache-for", "1h",
                    "cxone.base-url", "${cxone.simulator-url}", "cxone.simulator.enabled", "true");
        }
    }

    @Test
    void readinessIgnoresCxoneAndReportsTheDatabase() {
        Sim.faults(Map.of("errorRate", 1));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", not(hasItem("cxone")))
                .body("checks.name", hasItem(containsString("PostgreSQL")));
    }

    @Test
    void cxoneGroupReportsReachableAndProbesAreCached() {
        Sim.reset();
        for (int i = 0; i < 5; i++) {
            given().get("/q/health/group/cxone").then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.name", hasItem("cxone"))
                    .body("checks.find { it.name == 'cxone' }.data.status", equalTo("reachable and authenticated"))
                    .body("checks.find { it.name == 'cxone' }.data.simulator", equalTo(true));
        }
        assertEquals(true, Sim.count(Sim.ASSIGNMENTS_ROUTE, "200") <= 1, "five probes, at most one CXone call");
    }
}
