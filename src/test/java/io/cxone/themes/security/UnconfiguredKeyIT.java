package io.cxone.themes.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;


import org.junit.jupiter.api.Test;

import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged jar started with no JWT key configured (no test resource here): it fails closed, refusing every API
 * call with 401 even for a well-signed token, keeps health open, and says so in its startup log.
 */
@QuarkusIntegrationTest
class UnconfiguredKeyIT {

    @Test
    void apiCallsAreRefusedWith401() {
        for (String role : new String[] { Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER, Roles.AUDITOR }) {
            given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON)
                    .body(SampleThemes.enterpriseDarkModeJson())
                    .when().post("/api/v1/themes/validate")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("status", equalTo(401));
        }
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/themes/validate")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void healthStaysOpen() {
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
