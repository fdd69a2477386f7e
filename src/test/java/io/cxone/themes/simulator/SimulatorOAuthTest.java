package io.cxone.themes.simulator;

import io.cxone.themes.support.Sim;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SimulatorOAuthTest {
    private static final String SCOPE = "omnichannel:webmessaging:read omnichannel:webmessaging:write config:read config:write analytics:read";
    private static final String STATUS = Sim.MSG + "/themes/00000000-0000-0000-0000-000000000000/status";

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void clientCredentialsGrantIssuesAnOpaqueBearerToken() {
        given().auth().preemptive().basic("sim-client", "sim-secret").formParam("grant_type", "client_credentials")
                .post(Sim.TOKEN).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("access_token", not(emptyOrNullString()))
                .body("token_type", equalTo("bearer"))
                .body("expires_in", equalTo(3600))
                .body("scope", equalTo(SCOPE));
        assertNotEquals(Sim.token(), Sim.token());
        org.junit.jupiter.api.Assertions.assertEquals(3L, ((Number) Sim.stats().get("tokensIssued")).longValue());
    }

    @Test
    void passwordGrantWithAccessKeyIssuesAToken() {
        String token = given().auth().preemptive().basic("sim-client", "sim-secret").formParam("grant_type", "password")
                .formParam("username", "sim-access-key").formParam("password", "sim-access-secret")
                .post(Sim.TOKEN).then().statusCode(200).body("scope", equalTo(SCOPE)).extract().path("access_token");
        Sim.api(token).get(STATUS).then().statusCode(404);
    }

    @Test
    void badCredentialsAre401InvalidClient() {
        given().auth().preemptive().basic("sim-client", "wrong").formParam("grant_type", "client_credentials")
                .post(Sim.TOKEN).then().statusCode(401).body("error", equalTo("invalid_client"));
        given().formParam("grant_type", "client_credentials").post(Sim.TOKEN).then().statusCode(401)
                .body("error", equalTo("invalid_client"));
        given().auth().preemptive().basic("sim-client", "sim-secret").formParam("grant_type", "password")
                .formParam("username", "sim-access-key").formParam("password", "wrong")
                .post(Sim.TOKEN).then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void unknownGrantIs400() {
        given().auth().preemptive().basic("sim-client", "sim-secret").formParam("grant_type", "authorization_code")
                .post(Sim.TOKEN).then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void missingOrUnknownTokenIs401InvalidToken() {
        given().get(STATUS).then().statusCode(401).body("error", equalTo("invalid_token"))
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        Sim.api("not-a-token").get(STATUS).then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void expiredTokensAre401AfterTheAdminExpiresThem() {
        String token = Sim.token();
        Sim.api(token).get(STATUS).then().statusCode(404);
        given().post(Sim.ADMIN + "/tokens/expire").then().statusCode(204);
        Sim.api(token).get(STATUS).then().statusCode(401).body("error", equalTo("invalid_token"));
        Sim.api(Sim.token()).get(STATUS).then().statusCode(404);
    }

    @Test
    void tokensExpireAfterTheirTtl() {
        Sim.faults(Map.of("tokenTtlSeconds", 1));
        Sim.freezeClock("");
        String token = given().auth().preemptive().basic("sim-client", "sim-secret")
                .formParam("grant_type", "client_credentials").post(Sim.TOKEN).then().statusCode(200)
                .body("expires_in", equalTo(1)).extract().path("access_token");
        Sim.advance(Duration.ofMillis(999));
        Sim.api(token).get(STATUS).then().statusCode(404);
        Sim.advance(Duration.ofMillis(1));
        Sim.api(token).get(STATUS).then().statusCode(401).header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    @Test
    void discoveryNamesTheTokenEndpoint() {
        given().get(Sim.BASE + "/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", org.hamcrest.Matchers.endsWith("/simulator/cxone"))
                .body("token_endpoint", org.hamcrest.Matchers.matchesPattern("http://[^/]+/simulator/cxone/oauth/token"));
    }
}
