package io.cxone.themes.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.ServiceProcess;
import io.restassured.path.json.JsonPath;

/**
 * On the packaged (prod) jar: the Swagger UI is off unless APP_SWAGGER_UI=true (then it may not be
 * framed), the OpenAPI document stays, and the open health group {@code cxone} names no URL.
 */
class OpenEndpointsIT {

    @Test
    void theSwaggerUiIsOffInProdAndTheOpenApiDocumentStays() {
        Map<String, String> props = new HashMap<>(ServiceProcess.trustingTestTokens());
        props.put("app.embedded-db.dir", "target/open-endpoints-it-pg");
        props.put("cxone.simulator.enabled", "true"); // as CXONE_SIMULATOR=true
        try (ServiceProcess service = ServiceProcess.start("open-endpoints-it", props)) {
            given().get(service.url("/q/swagger-ui/")).then().statusCode(404);
            given().get(service.url("/q/swagger-ui/index.html")).then().statusCode(404);
            given().get(service.url("/q/openapi")).then().statusCode(200);
            String health = given().get(service.url("/q/health/group/cxone")).then().statusCode(200)
                    .body("status", equalTo("UP")).extract().asString();
            assertEquals(Set.of("simulator", "status"),
                    JsonPath.from(health).getMap("checks.find { it.name == 'cxone' }.data").keySet(), health);
            assertFalse(health.contains("http") || health.contains(String.valueOf(service.port())), health);
        }
    }

    @Test
    void anOperatorMayTurnItOnAndThenItCannotBeFramed() {
        Map<String, String> props = new HashMap<>(ServiceProcess.trustingTestTokens());
        props.put("app.embedded-db.dir", "target/open-endpoints-it-on-pg");
        props.put("cxone.simulator.enabled", "true");
        props.put("APP_SWAGGER_UI", "true");
        try (ServiceProcess service = ServiceProcess.start("open-endpoints-it-on", props)) {
            given().get(service.url("/q/swagger-ui/")).then().statusCode(200).header("X-Frame-Options", equalTo("DENY"));
        }
    }
}
