package io.cxone.themes.cxone;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Every log line at DEBUG and above, from startup on, through token requests (CXone's access-key password grant),
 * refreshes, 401s and throttling: neither secret, nor the Basic credentials, nor an access token appears.
 */
@QuarkusTest
@TestProfile(SecretsNeverLoggedTest.Secrets.class)
@WithTestResource(JwtTestKeys.class)
class SecretsNeverLoggedTest {
    static final String CLIENT_SECRET = "Cl1ent-S3cret-Value-9f8e";
    static final String ACCESS_KEY_SECRET = "AccessKey-S3cret-Value-7d6c";
    static final Path LOG = Path.of("target", "logs", "secrets-test.log");

    public static class Secrets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("cxone.grant", "password"),
                    Map.entry("cxone.client-secret", CLIENT_SECRET),
                    Map.entry("cxone.access-key-id", "ak-bench-id"),
                    Map.entry("cxone.access-key-secret", ACCESS_KEY_SECRET),
                    Map.entry("cxone.simulator.client-secret", CLIENT_SECRET),
                    Map.entry("cxone.simulator.access-key-id", "ak-bench-id"),
                    Map.entry("cxone.simulator.access-key-secret", ACCESS_KEY_SECRET),
                    Map.entry("quarkus.log.level", "DEBUG"),
                    Map.entry("quarkus.log.file.enabled", "true"),
                    Map.entry("quarkus.log.file.path", LOG.toString()),
                    Map.entry("quarkus.log.file.level", "DEBUG"),
                    // DEBUG goes to the file this test reads, not to the build's console
                    Map.entry("quarkus.log.console.level", "INFO"),
                    // the test's own HTTP client (rest-assured, same JVM) wire-logs the test JWT it sends: not the service
                    Map.entry("quarkus.log.category.\"org.apache.http\".level", "INFO"));
        }
    }

    @Test
    void noSecretOrTokenInAnyLogLine() throws IOException {
        for (int i = 0; i < 3; i++) {
            get("secret-" + i);
        }
        Sim.expireTokens(); // a 401, a refresh and a retry
        get("secret-after-expiry");
        Sim.faults(Map.of("throttleRate", 0.5, "seed", 5));
        for (int i = 0; i < 5; i++) {
            get("secret-throttled-" + i);
        }
        Sim.reset();

        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertTrue(log.contains("DEBUG"), "the capture really ran at DEBUG");
        assertTrue(Sim.tokensIssued() >= 0 && log.length() > 1_000, "the log captured the run");
        String basic = Base64.getEncoder().encodeToString(("sim-client:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        assertFalse(log.contains(CLIENT_SECRET), "the client secret was logged");
        assertFalse(log.contains(ACCESS_KEY_SECRET), "the access-key secret was logged");
        assertFalse(log.contains(basic), "the Basic credentials were logged");
        assertFalse(Pattern.compile("\"access_token\"\\s*:\\s*\"").matcher(log).find(), "a token response was logged");
        assertFalse(Pattern.compile("Bearer [A-Za-z0-9_\\-.]{20,}").matcher(log).find(), "a bearer token was logged");
    }

    private static void get(String widgetId) {
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/widgets/" + widgetId + "/assignments")
                .then().statusCode(200);
    }
}
