package io.cxone.themes.devseed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * With {@code app.dev-seed=true} (as in dev mode) a start on an empty database adds the sample through the services:
 * two drafts (the valid one with its one 1.4.11 warning, the failing one), version 1 published to two simulator
 * widgets, a watched channel linked to the theme, every write audited by the system actor under the seed's request id;
 * and a second run (what a restart does) adds nothing.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@TestProfile(DevSeedTest.Enabled.class)
class DevSeedTest {
    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.dev-seed", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmptyDatabase.class));
        }
    }

    @Inject
    DevSeed seed;

    @Test
    void anEmptyDatabaseIsSeededOnceThroughTheServices() {
        JsonPath watches = Waits.until("the seed's watch", () -> get("/api/v1/channels?page=1&size=10"),
                page -> page.getInt("totalItems") == 1);
        JsonPath themes = get("/api/v1/themes?page=1&size=10");
        assertEquals(2, themes.getInt("totalItems"));
        String themeId = watches.getString("items[0].themeId");
        JsonPath theme = get("/api/v1/themes/" + themeId);
        assertEquals("Enterprise Dark Mode", theme.getString("name"));
        assertEquals(true, theme.getBoolean("report.valid"));
        List<String> notPassing = theme.getList("report.contrast.findAll { !it.passes }.criterion");
        assertEquals(List.of("1.4.11"), notPassing, "the SPEC's sample: valid, with its one 1.4.11 warning");
        JsonPath failing = get("/api/v1/themes/" + themes.getList("items.id").stream().filter(id -> !id.equals(themeId))
                .findFirst().orElseThrow());
        assertEquals(false, failing.getBoolean("report.valid"));
        for (String widget : List.of("sample-widget-1", "sample-widget-2")) {
            JsonPath history = get("/api/v1/widgets/" + widget + "/publications?page=1&size=10");
            assertEquals(1, history.getInt("totalItems"), widget);
            assertEquals(themeId, history.getString("items[0].themeId"));
            assertEquals(1, history.getInt("items[0].themeVersion"));
        }
        JsonPath audit = get("/api/v1/audit?page=1&size=50");
        List<String> actors = audit.getList("items.actor");
        assertTrue(actors.size() >= 5, actors.toString()); // 2 drafts, 2 publications, 1 watch (and what the jobs did)
        assertEquals(List.of("system:cxone-theme-service"), actors.stream().distinct().toList());
        assertTrue(audit.<String> getList("items.requestId").stream().anyMatch(id -> id.startsWith("dev-seed-")),
                audit.prettify());

        assertNull(seed.seedIfEmpty().await().atMost(Duration.ofMinutes(3)), "a database that holds anything is left alone");
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/themes?page=1&size=10")
                .then().statusCode(200).body("totalItems", equalTo(2));
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/channels?page=1&size=10")
                .then().statusCode(200).body("totalItems", equalTo(1));
    }

    private static JsonPath get(String path) {
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER, Roles.AUDITOR)).get(path)
                .then().statusCode(200).extract().jsonPath();
    }
}
