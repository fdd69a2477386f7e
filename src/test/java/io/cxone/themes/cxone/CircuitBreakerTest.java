package io.cxone.themes.cxone;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.ParallelCalls;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** CXone down: callers get a fast 503 problem once the breaker opens, and service recovers when CXone does. */
@QuarkusTest
@TestProfile(CircuitBreakerTest.FreshBreaker.class)
@WithTestResource(JwtTestKeys.class)
class CircuitBreakerTest {
    private static final String BREAKER = "cxone.assignments-page";

    /**
     * Its own application so that no other test has moved the breaker; short backoffs end in-flight retries fast, and
     * the breaker's delay before a trial call is one second instead of five (configuration, not a sleep in the test).
     */
    public static class FreshBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxone.retry.max-backoff", "300ms",
                    "io.cxone.themes.cxone.CxoneClient/CircuitBreaker/delay", "1");
        }
    }

    @TestHTTPResource("/api/v1/widgets/")
    URL widgets;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Test
    void opensWhenCxoneIsDownAnswersFast503AndRecovers() {
        AtomicInteger transitions = new AtomicInteger();
        breakers.onStateChange(BREAKER, state -> transitions.incrementAndGet());
        String bearer = TestTokens.bearer(Roles.VIEWER);

        // An open breaker must answer without calling CXone and without retrying: a retried call would outlast the
        // breaker's delay and move it to HALF_OPEN. Should this machine be so slow that the delay passes between
        // tripping and asking (a state change we can see), the breaker is tripped again: what is checked never
        // depends on how fast the machine is.
        HttpResponse<String> fast = null;
        long upstreamBefore = 0;
        long upstreamAfter = 0;
        for (int attempt = 0; attempt < 5 && fast == null; attempt++) {
            trip();
            int before = transitions.get();
            upstreamBefore = upstreamCalls();
            HttpResponse<String> answer = ParallelCalls.get(List.of(URI.create(widgets + "fast/assignments")), bearer).get(0);
            upstreamAfter = upstreamCalls();
            if (transitions.get() == before && breakers.currentState(BREAKER) == CircuitBreakerState.OPEN) {
                fast = answer;
            }
        }
        assertNotNull(fast, "the breaker left OPEN during each of 5 single calls: the call waited (retried) instead of "
                + "being refused at once");
        assertEquals(503, fast.statusCode(), fast.body());
        assertEquals("application/problem+json", fast.headers().firstValue("Content-Type").orElse(""));
        assertEquals(CxoneProblemMapper.BREAKER_RETRY_AFTER_SECONDS, fast.headers().firstValue("Retry-After").orElse(""));
        assertTrue(fast.body().contains("circuit breaker open"), fast.body());
        assertEquals(upstreamBefore, upstreamAfter, "an open breaker sends nothing to CXone");

        Sim.reset(); // CXone is back (and its counters start from zero)
        Waits.until("a trial call let through after the breaker's delay", () -> given().header("Authorization", bearer)
                .get("/api/v1/widgets/back-0/assignments").statusCode(), status -> status == 200);
        for (int i = 1; i <= 3; i++) {
            given().header("Authorization", bearer).get("/api/v1/widgets/back-" + i + "/assignments").then().statusCode(200);
        }
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(BREAKER), "closed after successful trials");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(MetricsTest.value(metrics, "ft_circuitbreaker_opened_total",
                "method=\"io.cxone.themes.cxone.CxoneClient.assignmentsPage\"") >= 1, "the opening is in /q/metrics: "
                + metrics);
        assertEquals(4, Sim.count(Sim.ASSIGNMENTS_ROUTE, "200"), "after recovery every successful call reached CXone");
        // and only those did (besides the one 401 that sends for a new token: the reset simulator forgot the old one)
        assertEquals(4, upstreamCalls() - Sim.count(Sim.ASSIGNMENTS_ROUTE, "401"), "no call refused by the breaker did");
    }

    /** CXone fails every call; eight callers with retries are more than enough to open the breaker. */
    private void trip() {
        Sim.faults(Map.of("errorRate", 1.0));
        List<URI> urls = IntStream.range(0, 8).mapToObj(i -> URI.create(widgets + "down-" + i + "/assignments")).toList();
        List<HttpResponse<String>> failing = ParallelCalls.get(urls, TestTokens.bearer(Roles.VIEWER));
        failing.forEach(r -> assertTrue(r.statusCode() == 502 || r.statusCode() == 503, r.statusCode() + " " + r.body()));
        assertTrue(failing.stream().anyMatch(r -> r.statusCode() == 503), "the breaker opened");
    }

    @SuppressWarnings("unchecked")
    private static long upstreamCalls() {
        Map<String, Number> byStatus = ((Map<String, Map<String, Number>>) Sim.stats().get("requests"))
                .getOrDefault(Sim.ASSIGNMENTS_ROUTE, Map.of());
        return byStatus.values().stream().mapToLong(Number::longValue).sum();
    }
}
