package io.cxone.themes.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The event stream of an unknown sync job is a 404 problem before the stream starts, never a 200 that drops. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class SyncJobEventsTest {
    private static final String UNKNOWN = "/api/v1/sync-jobs/6f1c1e1a-0000-4000-8000-000000000001/events";

    @Test
    void theStreamOfAnUnknownJobIsA404Problem() {
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).accept("text/event-stream").get(UNKNOWN)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("POST /api/v1/sync-jobs"));
        // the existence check never answers before authentication and the role check do
        given().accept("text/event-stream").get(UNKNOWN).then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.AUDITOR)).accept("text/event-stream").get(UNKNOWN)
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).accept("text/event-stream")
                .get("/api/v1/sync-jobs/not-a-uuid/events").then().statusCode(400).body("errors[0].path", equalTo("id"));
    }
}
