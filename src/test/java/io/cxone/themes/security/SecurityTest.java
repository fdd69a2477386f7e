package io.cxone.themes.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Bearer JWT security of SPEC section 3 with real signed tokens. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class SecurityTest {
    static final String VALIDATE = "/api/v1/themes/validate";

    static ValidatableResponse post(String authorization) {
        var request = given().contentType(ContentType.JSON).body(SampleThemes.enterpriseDarkModeJson());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.when().post(VALIDATE).then();
    }

    static void assertUnauthorized(ValidatableResponse response) {
        response.statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"));
    }

    @Test
    void noTokenIs401() {
        assertUnauthorized(post(null));
    }

    @Test
    void expiredTokenIs401() {
        assertUnauthorized(post("Bearer " + TestTokens.expired(Roles.VIEWER)));
    }

    @Test
    void wrongIssuerIs401() {
        assertUnauthorized(post("Bearer " + TestTokens.wrongIssuer(Roles.VIEWER)));
    }

    @Test
    void tokenSignedByAnotherKeyIs401() {
        assertUnauthorized(post("Bearer " + TestTokens.wrongKey(Roles.VIEWER)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bearer garbage", "Bearer a.b.c", "Bearer ", "Basic dXNlcjpwYXNz", "eyJhbGciOiJub25lIn0.e30." })
    void garbageTokenIs401(String authorization) {
        assertUnauthorized(post(authorization));
    }

    @Test
    void unsignedAlgNoneTokenIs401() {
        // {"alg":"none"} with valid-looking claims and the right issuer must never be accepted
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String claims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"iss\":\"" + TestTokens.ISSUER
                + "\",\"sub\":\"x\",\"upn\":\"x\",\"groups\":[\"theme-viewer\"],\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}").getBytes());
        assertUnauthorized(post("Bearer " + header + "." + claims + "."));
    }

    @Test
    void validTokenWithoutARoleIs403() {
        post(TestTokens.bearer("nobody"))
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("title", equalTo("Forbidden"));
    }

    @ParameterizedTest
    @ValueSource(strings = { Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER, Roles.AUDITOR })
    void everyRoleMayValidate(String role) {
        post(TestTokens.bearer(role)).statusCode(200).contentType(ContentType.JSON).body("valid", equalTo(true));
    }

    @Test
    void healthStaysOpen() {
        // open means answered without a token: readiness itself may be DOWN (503) when an earlier suite left CXone
        // faulty within the check's 15 s cache, which is not what this test is about
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        for (String path : new String[] { "/q/health", "/q/health/ready" }) {
            given().when().get(path).then().statusCode(org.hamcrest.Matchers.oneOf(200, 503))
                    .body("status", org.hamcrest.Matchers.oneOf("UP", "DOWN"));
        }
    }
}
