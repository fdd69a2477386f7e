package io.cxone.themes.rollout;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * A rollout whose unit keeps failing ends FAILED by the job engine's give-up (docs/jobs.md "Failure policy"), with the
 * engine's reason and the kind's note on the split kept, and an audit event. Two attempts, short backoff (profile), so
 * that the give-up comes in seconds rather than after the default eight.
 */
@QuarkusTest
@TestProfile(RolloutGiveUpTest.FewAttempts.class)
@WithTestResource(JwtTestKeys.class)
class RolloutGiveUpTest {

    public static class FewAttempts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.jobs.rollouts.max-attempts", "2", "app.jobs.rollouts.retry-base", "100ms",
                    "app.jobs.rollouts.retry-max", "1s");
        }
    }

    @AfterEach
    void healTheSimulator() {
        Sim.reset();
    }

    @Test
    void aUnitThatKeepsFailingEndsFailedWithTheReasonKeptAndAudited() {
        Sim.reset();
        Sim.faults(Map.of("activationDelayMs", 0));
        String widget = "w-giveup-" + UUID.randomUUID().toString().substring(0, 8);
        TestPublications.active(widget);
        String id = publisher().body(Map.of("themeId", TestPublications.draft(""), "stages", List.of(20, 100),
                "holdSeconds", 3600)).post("/api/v1/widgets/" + widget + "/rollouts").then().statusCode(202).extract()
                .path("id");
        Waits.until("the first stage", () -> get(id), r -> r.getString("stageStartedAt") != null);
        // CXone answers every call with a transient error from now on: the promote's split never goes through
        Sim.faults(Map.of("activationDelayMs", 0, "errorRate", 1.0));
        publisher().post("/api/v1/rollouts/" + id + "/promote").then().statusCode(202);
        JsonPath r = Waits.until("rollout " + id + " over", () -> get(id),
                p -> List.of("PROMOTED", "ROLLED_BACK", "ABORTED", "FAILED").contains(p.getString("state")));
        assertEquals("FAILED", r.getString("state"), r.prettify());
        String outcome = r.getString("outcome");
        assertTrue(outcome.startsWith("gave up after 2 failed attempt(s); last: "), outcome);
        assertTrue(outcome.contains("the widget's A/B split was left as it was"), outcome);
        assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE job_id = '" + id
                + "' AND action = 'rollout.failed'"), "rollout.failed audited once");
        assertEquals(2, Db.count("SELECT failed_attempts FROM rollouts WHERE id = '" + id + "'"));
        Sim.faults(Map.of("activationDelayMs", 0));
        List<Map<String, Object>> split = Sim.api(Sim.token()).get(Sim.MSG + "/widgets/" + widget
                + "/theme-assignments").then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(2, split.size(), "the stage's split is left as it was: " + split);
    }

    private static RequestSpecification publisher() {
        return given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON);
    }

    private static JsonPath get(String id) {
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/rollouts/" + id).then()
                .statusCode(200).extract().jsonPath();
    }
}
