package io.cxone.themes.cxone;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

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

/** OAuth to CXone as the simulator counts it: one token for a cold burst, one refresh per expiry, one retry per 401. */
@QuarkusTest
@TestProfile(TokenHandlingTest.ColdService.class)
@WithTestResource(JwtTestKeys.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenHandlingTest {
    /**
     * Its own application, so the first test meets a client that has never fetched a token. Counting requests exactly
     * needs calls that never time out and retry on a busy machine (the first attempt would still reach CXone): the
     * token fetch, the call's fault-tolerance timeout and the client's read timeout are all the suite's ceiling here.
     */
    public static class ColdService implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxone.token-fetch-timeout", "3m",
                    "io.cxone.themes.cxone.CxoneClient/assignmentsPage/Timeout/value", "180",
                    "quarkus.rest-client.cxone-api.read-timeout", "180000");
        }
    }

    @TestHTTPResource("/api/v1/widgets/")
    URL widgets;

    @Test
    @Order(1)
    void coldBurstOfTwoHundredCallersCausesExactlyOneTokenRequest() {
        List<URI> urls = IntStream.range(0, 200).mapToObj(i -> URI.create(widgets + "cold-" + i + "/assignments")).toList();
        List<HttpResponse<String>> responses = ParallelCalls.get(urls, TestTokens.bearer(Roles.VIEWER));
        responses.forEach(r -> assertEquals(200, r.statusCode(), r.body()));
        assertEquals(1, Sim.tokensIssued(), "token requests for 200 concurrent cold callers");
    }

    @Test
    @Order(2)
    void anExpiredTokenMidRunIsRefreshedOnceAndTheCallRetriedOnce() {
        Sim.reset(); // also forgets our token: the first call meets a 401 like any stale token
        for (int i = 0; i < 10; i++) {
            viewer().get("/api/v1/widgets/seq-" + i + "/assignments").then().statusCode(200);
        }
        Sim.expireTokens();
        for (int i = 10; i < 20; i++) {
            viewer().get("/api/v1/widgets/seq-" + i + "/assignments").then().statusCode(200);
        }
        assertEquals(2, Sim.tokensIssued(), "one token after the reset, one refresh after the expiry");
        assertEquals(2, Sim.count(Sim.ASSIGNMENTS_ROUTE, "401"), "exactly one stale-token 401 per expiry");
        assertEquals(20, Sim.count(Sim.ASSIGNMENTS_ROUTE, "200"), "every call answered after its single retry");
    }

    @Test
    @Order(3)
    void aBurstAfterExpiryCausesExactlyOneRefresh() {
        viewer().get("/api/v1/widgets/warm/assignments").then().statusCode(200);
        long before = Sim.tokensIssued();
        expireAndBurst("burst-");
        assertEquals(1, Sim.tokensIssued() - before, "token requests for 50 concurrent callers after an expiry");
    }

    @Test
    @Order(4)
    void twoExpiriesInARowUnderBurstsCauseExactlyTwoRefreshes() {
        viewer().get("/api/v1/widgets/warm/assignments").then().statusCode(200);
        long before = Sim.tokensIssued();
        expireAndBurst("first-");
        expireAndBurst("second-");
        assertEquals(2, Sim.tokensIssued() - before, "token requests for two expiries, each met by 50 callers");
    }

    /** Expires every token, then 50 concurrent callers who all must get their assignments. */
    private void expireAndBurst(String prefix) {
        long answered = Sim.count(Sim.ASSIGNMENTS_ROUTE, "200");
        Sim.expireTokens();
        List<URI> urls = IntStream.range(0, 50).mapToObj(i -> URI.create(widgets + prefix + i + "/assignments")).toList();
        ParallelCalls.get(urls, TestTokens.bearer(Roles.VIEWER)).forEach(r -> assertEquals(200, r.statusCode(), r.body()));
        assertEquals(50, Sim.count(Sim.ASSIGNMENTS_ROUTE, "200") - answered, "CXone answered every caller once");
    }

    private static io.restassured.specification.RequestSpecification viewer() {
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER));
    }
}
