package io.cxone.themes.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** nosniff on every response (JSON, scripts, problems, health, simulator); no-store on API answers that carry data. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class ResponseHeadersTest {
    private static final String NOSNIFF = "X-Content-Type-Options";

    @Test
    void apiDataIsNoStoreAndNosniff() {
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/themes").then().statusCode(200)
                .header(NOSNIFF, equalTo("nosniff")).header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void problemsAreNoStoreAndNosniff() {
        given().get("/api/v1/themes").then().statusCode(401).contentType("application/problem+json")
                .header(NOSNIFF, equalTo("nosniff")).header("Cache-Control", equalTo("no-store"));
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/no-such-thing").then().statusCode(404)
                .header(NOSNIFF, equalTo("nosniff"));
    }

    @Test
    void scriptsStylesHealthAndSimulatorAreNosniff() {
        for (String path : new String[] { "/console.js", "/console.css", "/", "/q/health/live" }) {
            given().get(path).then().statusCode(200).header(NOSNIFF, equalTo("nosniff"));
        }
        given().get(Sim.ADMIN + "/faults").then().statusCode(200).header(NOSNIFF, equalTo("nosniff"));
        // static files may be cached; only answers that carry data are no-store
        given().get("/console.js").then().header("Cache-Control", not(equalTo("no-store")));
    }
}
