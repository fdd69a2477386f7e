package io.cxone.themes.cxone;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * CXone's state reaches metrics (issue 11, item 6): {@code /q/metrics} is open like health, and every CXone operation
 * has SmallRye Fault Tolerance's series — invocations by result, and its circuit breaker's state — tagged by operation
 * only (no widget ids, tokens or other unbounded values).
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class MetricsTest {
    private static final String OPERATION = "method=\"io.cxone.themes.cxone.CxoneClient.assignmentsPage\"";

    @Test
    void aCxoneCallShowsUpPerOperationWithTheBreakerState() {
        double before = value(metrics(), "ft_invocations_total", OPERATION, "result=\"valueReturned\"");
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/widgets/metrics-w1/assignments")
                .then().statusCode(200);
        String after = metrics();
        assertTrue(value(after, "ft_invocations_total", OPERATION, "result=\"valueReturned\"") >= before + 1, after);
        assertTrue(value(after, "ft_circuitbreaker_state_current", OPERATION, "state=\"closed\"") == 1.0, after);
        assertTrue(after.contains("http_server_requests_seconds_count"), "HTTP server metrics are on");
        assertTrue(!after.contains("metrics-w1"), "no widget id in any series");
        assertTrue(!after.toLowerCase().contains("bearer"), "no token in any series");
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the one series of {@code name} whose tags include all of {@code tags}; 0 when there is none yet. */
    static double value(String metrics, String name, String... tags) {
        Matcher line = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        while (line.find()) {
            String found = line.group(1);
            if (List.of(tags).stream().allMatch(found::contains)) {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }
}
