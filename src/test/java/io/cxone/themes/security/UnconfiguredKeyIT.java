package io.cxone.themes.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.TestTokens;
import io.restassured.http.ContentType;

/**
 * The packaged jar started as production would be, with no JWT key configured: it fails closed, refusing every API
 * call with 401 even for a well-signed token, keeps health open, and says so in its startup log. Started as a plain
 * process because Quarkus's integration-test launcher hands the jar smallrye-jwt's test key.
 */
class UnconfiguredKeyIT {
    private static ServiceProcess service;

    @BeforeAll
    static void start() {
        service = ServiceProcess.start("unconfigured-key-it", Map.of("app.embedded-db.dir", "target/it-unconfigured-pg"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void startupLogSaysWhatIsMissing() {
        assertTrue(service.log().matches("(?s).*ERROR.*No JWT verification key configured.*"), service.log());
    }

    @Test
    void apiCallsAreRefusedWith401() {
        for (String role : new String[] { Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER, Roles.AUDITOR }) {
            given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON)
                    .body(SampleThemes.enterpriseDarkModeJson())
                    .when().post(service.url("/api/v1/themes/validate"))
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("status", equalTo(401));
        }
        given().when().get(service.url("/api/v1/themes")).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void healthStaysOpen() {
        given().when().get(service.url("/q/health/live")).then().statusCode(200).body("status", equalTo("UP"));
    }
}
