package io.cxone.themes.cxone;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.ParallelCalls;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** CXone down: callers get a fast 503 problem once the breaker opens, and service recovers when CXone does. */
@QuarkusTest
@TestProfile(CircuitBreakerTest.FreshBreaker.class)
@WithTestResource(JwtTestKeys.class)
class CircuitBreakerTest {
    /** Its own application so that no other test has moved the breaker; short backoffs end in-flight retries fast. */
    public static class FreshBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxone.retry.max-backoff", "300ms");
        }
    }

    @TestHTTPResource("/api/v1/widgets/")
    URL widgets;

    @AfterEach
    void cleanSimulator() {
        Sim.reset();
    }

    @Test
    void opensWhenCxoneIsDownAnswersFast503AndRecovers() throws InterruptedException {
        Sim.faults(Map.of("errorRate", 1.0));
        List<URI> urls = IntStream.range(0, 8).mapToObj(i -> URI.create(widgets + "down-" + i + "/assignments")).toList();
        List<HttpResponse<String>> failing = ParallelCalls.get(urls, TestTokens.bearer(Roles.VIEWER));
        failing.forEach(r -> assertTrue(r.statusCode() == 502 || r.statusCode() == 503, r.statusCode() + " " + r.body()));
        assertTrue(failing.stream().anyMatch(r -> r.statusCode() == 503), "the breaker opened");

        long upstreamBefore = upstreamCalls();
        String bearer = TestTokens.bearer(Roles.VIEWER);
        long start = System.nanoTime();
        HttpResponse<String> fast = ParallelCalls.get(List.of(URI.create(widgets + "fast/assignments")), bearer).get(0);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(503, fast.statusCode(), fast.body());
        assertEquals("application/problem+json", fast.headers().firstValue("Content-Type").orElse(""));
        assertEquals(CxoneProblemMapper.BREAKER_RETRY_AFTER_SECONDS, fast.headers().firstValue("Retry-After").orElse(""));
        assertTrue(fast.body().contains("circuit breaker open"), fast.body());
        assertEquals(upstreamBefore, upstreamCalls(), "an open breaker sends nothing to CXone");
        assertTrue(took.toMillis() < 1_000, "an open breaker answers at once, took " + took.toMillis() + " ms");

        Sim.reset(); // CXone is back (and its counters start from zero)
        Thread.sleep(5_500); // the breaker's delay before it lets a trial call through
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/widgets/back-" + i + "/assignments")
                    .then().statusCode(200);
        }
        assertEquals(3, Sim.count(Sim.ASSIGNMENTS_ROUTE, "200"), "after recovery every call reached CXone");
    }

    @SuppressWarnings("unchecked")
    private static long upstreamCalls() {
        Map<String, Number> byStatus = ((Map<String, Map<String, Number>>) Sim.stats().get("requests"))
                .getOrDefault(Sim.ASSIGNMENTS_ROUTE, Map.of());
        return byStatus.values().stream().mapToLong(Number::longValue).sum();
    }
}
