package io.cxone.themes.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.JwtTestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * What the open endpoints (no token) show. The health group {@code cxone} reports state, never
 * where CXone is: no URL, host or port, also not inside the reason when CXone does not answer (a refused connection's
 * message names the address). The Swagger UI, where it is served (dev, tests, or APP_SWAGGER_UI=true in prod; off by
 * default in prod: {@code OpenEndpointsIT}), may not be framed by another site.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@TestProfile(OpenEndpointsTest.CxoneOnAClosedPort.class)
class OpenEndpointsTest {
    static final int CLOSED_PORT = closedPort();

    /**
     * CXone's API on a loopback port nobody listens on (tokens still come from the simulator, so the probe gets as far
     * as connecting); the probe may take as long as this machine needs.
     */
    public static class CxoneOnAClosedPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxone.base-url", "http://127.0.0.1:" + CLOSED_PORT + "/cxone-api",
                    "cxone.auth-server-url", "${cxone.simulator-url}", "cxone.simulator.enabled", "true",
                    "cxone.health.timeout", "3m");
        }
    }

    @Test
    void theCxoneHealthGroupShowsStateNotWhereCxoneIs() {
        String body = given().get("/q/health/group/cxone").then().statusCode(503).body("status", equalTo("DOWN"))
                .extract().asString();
        Map<String, Object> data = JsonPath.from(body).getMap("checks.find { it.name == 'cxone' }.data");
        assertEquals(Set.of("simulator", "status"), data.keySet(), body);
        assertEquals(true, data.get("simulator"), "operators still see whether the simulator serves: " + body);
        assertEquals("no answer from CXone (connection refused, reset or closed)", data.get("status"), body);
        for (String where : new String[] { "127.0.0.1", String.valueOf(CLOSED_PORT), "cxone-api", "http", "localhost" }) {
            assertFalse(body.contains(where), where + " in " + body);
        }
    }

    @Test
    void theSwaggerUiMayNotBeFramed() {
        given().get("/q/swagger-ui/").then().statusCode(200).header("X-Frame-Options", equalTo("DENY"));
        given().get("/q/swagger-ui/swagger-ui-bundle.js").then().statusCode(200).header("X-Frame-Options", equalTo("DENY"));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort(); // closed again when this returns: connections to it are refused
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
