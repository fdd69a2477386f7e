package io.cxone.themes.cxone;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Readiness reports CXone reachable and authenticated, and asks CXone at most once per cache period. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class ReadinessTest {

    @Test
    void readyWhenCxoneAnswersAndProbesAreCached() {
        Sim.reset();
        for (int i = 0; i < 5; i++) {
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.name", hasItem("cxone"))
                    .body("checks.find { it.name == 'cxone' }.data.status", equalTo("reachable and authenticated"));
        }
        assertEquals(true, Sim.count(Sim.ASSIGNMENTS_ROUTE, "200") <= 1, "five probes, at most one CXone call");
    }
}
