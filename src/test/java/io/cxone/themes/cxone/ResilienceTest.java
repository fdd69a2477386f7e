package io.cxone.themes.cxone;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.ParallelCalls;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Throttling and flaky 5xx from the simulator: every call still succeeds, and no retry jumps its Retry-After. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class ResilienceTest {
    @TestHTTPResource("/api/v1/widgets/")
    URL widgets;

    @BeforeEach
    void cleanSimulator() {
        Sim.reset();
    }

    @Test
    void throttledCallsAllSucceedAndNoRetryComesBeforeItsRetryAfter() {
        Sim.faults(Map.of("throttleRate", 0.5, "retryAfterSeconds", 1, "seed", 7));
        assertAllSucceedOneAfterAnother(10, "throttled-");
        assertTrue(Sim.count(Sim.ASSIGNMENTS_ROUTE, "429") > 0, "the simulator did throttle");
        assertEquals(0, Sim.earlyRetries(), "retries sent before the Retry-After they were given");
    }

    @Test
    void retryAfterAsAnHttpDateIsHonouredToo() {
        Sim.faults(Map.of("throttleRate", 0.5, "retryAfterSeconds", 2, "retryAfterAsDate", true, "seed", 11));
        assertAllSucceedOneAfterAnother(5, "dated-");
        assertTrue(Sim.count(Sim.ASSIGNMENTS_ROUTE, "429") > 0, "the simulator did throttle");
        assertEquals(0, Sim.earlyRetries(), "retries sent before the Retry-After date");
    }

    @Test
    void thirtyPercentServerErrorsAreAbsorbedByTheRetryBudget() {
        Sim.faults(Map.of("errorRate", 0.3, "seed", 3));
        assertAllSucceedOneAfterAnother(40, "flaky-");
        long failures = Sim.count(Sim.ASSIGNMENTS_ROUTE, "500") + Sim.count(Sim.ASSIGNMENTS_ROUTE, "502")
                + Sim.count(Sim.ASSIGNMENTS_ROUTE, "503") + Sim.count(Sim.ASSIGNMENTS_ROUTE, "504");
        assertTrue(failures > 5, "the simulator did fail " + failures + " times");
    }

    @Test
    void aPerClientRateLimitIsRespected() {
        Sim.faults(Map.of("ratePerSecond", 20));
        assertAllSucceed(60, "paced-");
        assertEquals(0, Sim.earlyRetries(), "retries sent before the Retry-After they were given");
    }

    /**
     * Seeded faults replay the same sequence of draws, but parallel calls take them in an order the machine decides: one
     * after another, each call (and its retries) meets the same faults on every run.
     */
    private void assertAllSucceedOneAfterAnother(int calls, String prefix) {
        String bearer = TestTokens.bearer(Roles.VIEWER);
        for (int i = 0; i < calls; i++) {
            given().header("Authorization", bearer).get("/api/v1/widgets/" + prefix + i + "/assignments")
                    .then().statusCode(200);
        }
    }

    private void assertAllSucceed(int calls, String prefix) {
        List<URI> urls = IntStream.range(0, calls).mapToObj(i -> URI.create(widgets + prefix + i + "/assignments")).toList();
        ParallelCalls.get(urls, TestTokens.bearer(Roles.VIEWER))
                .forEach(r -> assertEquals(200, r.statusCode(), r.body()));
    }
}
