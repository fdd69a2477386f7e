package io.cxone.themes.preview;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Stores drafts through the real API for the preview and console tests; returns ids and ETags. */
public final class StoredDrafts {
    private StoredDrafts() {
    }

    /** Creates a draft and returns its id. */
    public static String create(Map<String, Object> theme) {
        return given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).contentType(ContentType.JSON).body(theme)
                .when().post("/api/v1/themes").then().statusCode(201).extract().path("id");
    }

    /** Saves a new version over the current one (whatever it is) and returns the answer. */
    public static Response update(String id, Map<String, Object> theme) {
        String etag = given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).when().get("/api/v1/themes/" + id)
                .then().statusCode(200).extract().header("ETag");
        return given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).header("If-Match", etag)
                .contentType(ContentType.JSON).body(theme).when().put("/api/v1/themes/" + id);
    }

    public static void delete(String id) {
        String etag = given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).when().get("/api/v1/themes/" + id)
                .then().statusCode(200).extract().header("ETag");
        given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).header("If-Match", etag)
                .when().delete("/api/v1/themes/" + id).then().statusCode(204);
    }
}
