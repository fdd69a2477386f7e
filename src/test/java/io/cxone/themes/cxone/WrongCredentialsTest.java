package io.cxone.themes.cxone;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Waits;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Credentials CXone refuses: not ready, callers get a 502 that says what to check (never the secret), each asks anew. */
@QuarkusTest
@TestProfile(WrongCredentialsTest.WrongSecret.class)
@WithTestResource(JwtTestKeys.class)
class WrongCredentialsTest {
    static final String WRONG = "definitely-not-the-secret-1234";

    public static class WrongSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxone.client-secret", WRONG);
        }
    }

    @Inject
    CxoneTokens tokens;

    @Test
    void aRefusedTokenRequestIsNotRememberedSoEveryCallerAsksAgain() {
        for (int i = 0; i < 3; i++) {
            long refused = Sim.count(Sim.TOKEN_ROUTE, "401");
            assertThrows(OidcClientException.class, () -> tokens.tokens().await().atMost(Waits.PATIENCE));
            assertEquals(refused + 1, Sim.count(Sim.TOKEN_ROUTE, "401"), "token requests refused for caller " + i);
        }
    }

    @Test
    void notReadyAndCallersToldWhatToCheck() {
        given().get("/q/health/group/cxone").then().statusCode(503).body("status", equalTo("DOWN"))
                .body(not(containsString(WRONG)));
        // CXone refusing us is no reason to take the instance out of its Service: drafts and previews still work
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/widgets/w-1/assignments")
                .then().statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("CXONE_CLIENT_SECRET"))
                .body(not(containsString(WRONG)));
    }
}
