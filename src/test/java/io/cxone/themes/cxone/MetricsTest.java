package io.cxone.themes.cxone;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Metrics;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * CXone's state reaches metrics: {@code /q/metrics} is open like health, and every CXone operation
 * has SmallRye Fault Tolerance's series — invocations by result, and its circuit breaker's state — tagged by operation
 * only (no widget ids, tokens or other unbounded values).
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class MetricsTest {
    private static final String OPERATION = "method=\"io.cxone.themes.cxone.CxoneClient.assignmentsPage\"";

    @Test
    void aCxoneCallShowsUpPerOperationWithTheBreakerState() {
        double before = Metrics.value(Metrics.scrape(), "ft_invocations_total", OPERATION, "result=\"valueReturned\"");
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/widgets/metrics-w1/assignments")
                .then().statusCode(200);
        String after = Metrics.scrape();
        assertTrue(Metrics.value(after, "ft_invocations_total", OPERATION, "result=\"valueReturned\"") >= before + 1, after);
        assertTrue(Metrics.value(after, "ft_circuitbreaker_state_current", OPERATION, "state=\"closed\"") == 1.0, after);
        assertTrue(after.contains("http_server_requests_seconds_count"), "HTTP server metrics are on");
        assertTrue(!after.contains("metrics-w1"), "no widget id in any series");
        assertTrue(!after.toLowerCase().contains("bearer"), "no token in any series");
    }
}
