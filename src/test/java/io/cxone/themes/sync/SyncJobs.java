package io.cxone.themes.sync;

import static io.restassured.RestAssured.given;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Creating and awaiting sync jobs over HTTP, against the test instance ("") or a jar at {@code base}. */
final class SyncJobs {
    private SyncJobs() {
    }

    static ValidatableResponse create(String base, String role, UUID publication, List<String> widgets, boolean override) {
        return given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON)
                .body(Map.of("publicationId", publication.toString(), "widgetIds", widgets, "overrideExisting", override))
                .post(base + "/api/v1/sync-jobs").then();
    }

    static String start(String base, UUID publication, List<String> widgets) {
        return create(base, Roles.PUBLISHER, publication, widgets, false).statusCode(202).extract().path("id");
    }

    static JsonPath get(String base, String job) {
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get(base + "/api/v1/sync-jobs/" + job)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Polls until the job is in a terminal state and answers its view. */
    static JsonPath await(String base, String job) {
        return Waits.until("sync job " + job + " finished", () -> get(base, job),
                view -> !List.of("QUEUED", "RUNNING").contains(view.getString("state")));
    }
}
