package io.cxone.themes.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With its database gone, the service answers 503 problem+json with Retry-After (never a 500) and readiness goes DOWN.
 * The class runs on a PostgreSQL of its own, which it stops, so the suite's shared database is never touched.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@WithTestResource(DatabaseDownTest.OwnDatabase.class)
class DatabaseDownTest {

    /** A PostgreSQL for this class only (zonky, free port), stoppable from the test. */
    public static class OwnDatabase implements QuarkusTestResourceLifecycleManager {
        static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

        @Override
        public Map<String, String> start() {
            try {
                server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .setPGStartupWait(Duration.ofSeconds(120)).start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("quarkus.datasource.reactive.url", "postgresql://localhost:" + server.getPort() + "/postgres",
                    "quarkus.datasource.username", "postgres", "quarkus.datasource.password", "");
        }

        @Override
        public void stop() {
            stopServer();
        }

        static void stopServer() {
            try {
                if (server != null) {
                    server.close();
                    server = null;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void databaseDownIs503WithRetryAfterAndNotReady() {
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/themes").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);

        OwnDatabase.stopServer();

        Waits.until("the API answers 503 without its database", () -> given()
                .header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/themes").statusCode() == 503);
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/themes").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", equalTo("5"))
                .body("status", equalTo(503)).body("detail", containsString("QUARKUS_DATASOURCE"));
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }
}
