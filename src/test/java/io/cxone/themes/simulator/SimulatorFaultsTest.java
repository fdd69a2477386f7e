package io.cxone.themes.simulator;

import io.cxone.themes.support.Sim;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class SimulatorFaultsTest {
    private static final String STATUS = Sim.MSG + "/themes/00000000-0000-0000-0000-000000000000/status";
    private String token;

    @BeforeEach
    void reset() {
        Sim.reset();
        token = Sim.token();
    }

    @Test
    void throttleRateOneAnswers429WithRetryAfterSeconds() {
        Sim.faults(Map.of("throttleRate", 1.0, "retryAfterSeconds", 7));
        Sim.api(token).get(STATUS).then().statusCode(429).header("Retry-After", "7").body("error", equalTo("too_many_requests"));
    }

    @Test
    void retryAfterCanBeAnHttpDate() {
        Sim.faults(Map.of("throttleRate", 1.0, "retryAfterSeconds", 3, "retryAfterAsDate", true));
        Sim.freezeClock("");
        Instant now = Instant.parse(given().get(Sim.ADMIN + "/clock").then().statusCode(200).extract().path("now"));
        String header = Sim.api(token).get(STATUS).then().statusCode(429).extract().header("Retry-After");
        Instant notBefore = ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertTrue(header.endsWith(" GMT"), header);
        // three seconds after the simulator's (frozen) now, rounded up to a whole second so that obeying it is never early
        Instant exact = now.plusSeconds(3);
        Instant expected = exact.getNano() == 0 ? exact : Instant.ofEpochSecond(exact.getEpochSecond() + 1);
        assertEquals(expected, notBefore, header);
    }

    @Test
    void earlyRetriesOfTheSameRequestAreCounted() {
        Sim.faults(Map.of("throttleRate", 1.0, "retryAfterSeconds", 30));
        Sim.freezeClock(""); // the second call is early however long the first took
        Sim.api(token).get(STATUS).then().statusCode(429);
        Sim.api(token).get(STATUS).then().statusCode(429);
        Sim.api(token).get(STATUS + "?other=1").then().statusCode(429);
        assertEquals(1, ((Number) Sim.stats().get("earlyRetries")).intValue());
    }

    @Test
    void perClientRateLimitAnswers429() {
        Sim.faults(Map.of("ratePerSecond", 2));
        Sim.freezeClock(""); // all six calls in the same instant of the simulator's time, however slow they are
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Response response = Sim.api(token).get(STATUS);
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                assertEquals("1", response.header("Retry-After"));
            }
        }
        assertEquals(List.of(404, 404, 429, 429, 429, 429), statuses, "a bucket of two, then empty");
        Sim.advance(Duration.ofMillis(400));
        Sim.api(token).get(STATUS).then().statusCode(429); // 0.8 of a token back at 2 per second
        Sim.advance(Duration.ofMillis(200));
        Sim.api(token).get(STATUS).then().statusCode(404);
    }

    @Test
    void errorRateOneAnswersTransient5xx() {
        Sim.faults(Map.of("errorRate", 1.0));
        for (int i = 0; i < 5; i++) {
            int status = Sim.api(token).get(STATUS).then().extract().statusCode();
            assertTrue(Set.of(500, 502, 503, 504).contains(status), "status " + status);
        }
    }

    @Test
    void aSeedReplaysTheSameFaults() {
        List<Integer> first = seededRun();
        List<Integer> second = seededRun();
        assertEquals(first, second);
        assertTrue(first.contains(404) && first.stream().anyMatch(s -> s >= 500), first.toString());
    }

    @Test
    void droppedResponseStillAppliesTheChange() {
        Sim.faults(Map.of("dropResponseRate", 1.0));
        String id = UUID.randomUUID().toString();
        assertThrows(Exception.class, () -> Sim.api(token).body(Sim.theme(id, "v1")).post(Sim.MSG + "/widgets/w1/themes"));
        Sim.faults(Map.of());
        Map<String, Object> stats = Sim.stats();
        assertEquals(Map.of("w1", 1), stats.get("themesPerWidget"));
        assertEquals(1, ((Number) stats.get("droppedResponses")).intValue());
        assertEquals(1, Sim.count("POST /api/v1/omnichannel/webmessaging/widgets/{widgetId}/themes", "dropped"));
        Sim.api(token).get(Sim.MSG + "/themes/" + id + "/status").then().statusCode(200).body("theme_id", equalTo(id));
    }

    @Test
    void latencyDelaysApiAndTokenCalls() {
        Sim.faults(Map.of("latencyMs", 600));
        Instant start = Instant.now();
        Sim.api(token).get(STATUS).then().statusCode(404);
        assertTrue(Duration.between(start, Instant.now()).toMillis() >= 600);
        start = Instant.now();
        Sim.token();
        assertTrue(Duration.between(start, Instant.now()).toMillis() >= 600);
    }

    @Test
    void putReplacesTheWholeFaultSetAndValidatesRanges() {
        Sim.faults(Map.of("errorRate", 0.25, "seed", 42));
        // numbers compared as doubles: another suite may switch rest-assured's JSON number type in this JVM
        var faults = given().get(Sim.ADMIN + "/faults").then().statusCode(200).body("seed", equalTo(42)).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(0.25, faults.getDouble("errorRate"));
        given().contentType(ContentType.JSON).body(Map.of("latencyMs", 5)).put(Sim.ADMIN + "/faults").then().statusCode(200)
                .body("errorRate", org.hamcrest.Matchers.hasToString("0.0")).body("latencyMs", equalTo(5)).body("activationDelayMs", equalTo(2000))
                .body("maxBatchSize", equalTo(50)).body("tokenTtlSeconds", equalTo(3600)).body("retryAfterSeconds", equalTo(1))
                .body("retryAfterAsDate", equalTo(false)).body("$", org.hamcrest.Matchers.hasKey("seed")).body("seed", equalTo(null));
        given().contentType(ContentType.JSON).body(Map.of("errorRate", 1.5, "latencyMs", -1, "throttleRate", "x", "bogus", 1))
                .put(Sim.ADMIN + "/faults").then().statusCode(400)
                .body("errors.field", hasItems("errorRate", "latencyMs", "throttleRate", "bogus"));
        given().get(Sim.ADMIN + "/faults").then().body("latencyMs", equalTo(5));
    }

    private List<Integer> seededRun() {
        Sim.faults(Map.of("errorRate", 0.5, "seed", 7));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(Sim.api(token).get(STATUS).then().extract().statusCode());
        }
        return statuses;
    }
}
