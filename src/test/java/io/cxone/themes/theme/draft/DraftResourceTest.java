package io.cxone.themes.theme.draft;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Drafts over HTTP against the real database: create, optimistic concurrency, delete keeping versions, roles. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class DraftResourceTest {

    @Test
    void createStoresVersionOneNormalisedWithItsAuditEvent() {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("backgroundColor", "#1a1a1a");
        Response created = editor("ada").body(theme).post("/api/v1/themes");
        created.then().statusCode(201).header("ETag", "\"v1\"").header("Location", startsWith("http"))
                .body("version", equalTo(1)).body("theme.backgroundColor", equalTo("#1A1A1A"))
                .body("createdBy", equalTo("ada")).body("report.valid", equalTo(true));
        String id = created.path("id");
        assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE action = 'theme.created' AND actor = 'ada' "
                + "AND theme_id = '" + id + "'"));
        viewer().get("/api/v1/themes/" + id).then().statusCode(200).header("ETag", "\"v1\"")
                .body("theme.name", equalTo("Enterprise Dark Mode"));
    }

    @Test
    void anInvalidThemeIs400WithTheReportAndNothingIsStored() {
        long themes = Db.count("SELECT count(*) FROM themes");
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("backgroundColor", "#FFFFFF");
        ((Map<String, Object>) theme.get("font")).put("color", "#FFFFFF");
        editor("invalid-writer").body(theme).post("/api/v1/themes").then().statusCode(400)
                .contentType("application/problem+json").body("report.valid", equalTo(false))
                .body("report.contrast.pair", hasItem("font.color/backgroundColor"));
        assertEquals(themes, Db.count("SELECT count(*) FROM themes"));
        assertEquals(0, Db.count("SELECT count(*) FROM audit_events WHERE actor = 'invalid-writer'"));
    }

    @Test
    void putNeedsACurrentIfMatch() {
        String id = create();
        Map<String, Object> changed = SampleThemes.enterpriseDarkModeJson();
        changed.put("borderRadiusPx", 12);
        editor("bob").body(changed).put("/api/v1/themes/" + id).then().statusCode(428)
                .contentType("application/problem+json");
        editor("bob").header("If-Match", "\"v7\"").body(changed).put("/api/v1/themes/" + id).then().statusCode(412)
                .body("detail", org.hamcrest.Matchers.containsString("\"v1\""));
        editor("bob").header("If-Match", "\"v1\"").body(changed).put("/api/v1/themes/" + id).then().statusCode(200)
                .header("ETag", "\"v2\"").body("version", equalTo(2)).body("updatedBy", equalTo("bob"));
        assertEquals(2, Db.count("SELECT count(*) FROM theme_versions WHERE theme_id = '" + id + "'"));
    }

    @Test
    void twoEditorsWithTheSameETagNeverBothWin() {
        String id = create();
        List<Integer> statuses = java.util.stream.IntStream.range(0, 6).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            Map<String, Object> changed = SampleThemes.enterpriseDarkModeJson();
            changed.put("borderRadiusPx", i);
            return editor("user" + i).header("If-Match", "\"v1\"").body(changed).put("/api/v1/themes/" + id).statusCode();
        })).toList().stream().map(CompletableFuture::join).sorted().toList();
        assertEquals(List.of(200, 412, 412, 412, 412, 412), statuses);
        assertEquals(2, Db.count("SELECT count(*) FROM theme_versions WHERE theme_id = '" + id + "'"));
    }

    @Test
    void anUnchangedPutSavesNoVersion() {
        String id = create();
        editor("bob").header("If-Match", "\"v1\"").body(SampleThemes.enterpriseDarkModeJson())
                .put("/api/v1/themes/" + id).then().statusCode(200).header("ETag", "\"v1\"");
        assertEquals(1, Db.count("SELECT count(*) FROM theme_versions WHERE theme_id = '" + id + "'"));
    }

    @Test
    void deleteKeepsTheVersions() {
        String id = create();
        Map<String, Object> changed = SampleThemes.enterpriseDarkModeJson();
        changed.put("maxWidthPx", 400);
        editor("bob").header("If-Match", "\"v1\"").body(changed).put("/api/v1/themes/" + id).then().statusCode(200);
        editor("bob").delete("/api/v1/themes/" + id).then().statusCode(428);
        editor("bob").header("If-Match", "\"v2\"").delete("/api/v1/themes/" + id).then().statusCode(204);
        viewer().get("/api/v1/themes/" + id).then().statusCode(404).body("detail",
                org.hamcrest.Matchers.containsString("versions remain"));
        viewer().get("/api/v1/themes/" + id + "/versions").then().statusCode(200).body("version", equalTo(List.of(1, 2)));
        viewer().get("/api/v1/themes/" + id + "/versions/2").then().statusCode(200)
                .body("theme.maxWidthPx", equalTo(400)).body("contentHash", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
        viewer().get("/api/v1/themes/" + id + "/versions/3").then().statusCode(404);
        assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE action = 'theme.deleted' AND theme_id = '" + id + "'"));
    }

    @Test
    void listIsPagedAndSkipsDeletedDrafts() {
        String id = create();
        viewer().queryParam("size", 100).get("/api/v1/themes").then().statusCode(200).body("items.id", hasItem(id))
                .body("page", equalTo(1)).body("pageSize", equalTo(100));
        viewer().queryParam("size", 101).get("/api/v1/themes").then().statusCode(400).body("errors[0].path", equalTo("size"));
        viewer().queryParam("page", "x").get("/api/v1/themes").then().statusCode(400).body("errors[0].path", equalTo("page"));
        viewer().get("/api/v1/themes/not-a-uuid").then().statusCode(400).body("errors[0].path", equalTo("id"));
    }

    @Test
    void everyEndpointEnforcesItsRole() {
        String id = create();
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        as(Roles.VIEWER).body(theme).post("/api/v1/themes").then().statusCode(403);
        as(Roles.PUBLISHER).header("If-Match", "\"v1\"").body(theme).put("/api/v1/themes/" + id).then().statusCode(403);
        as(Roles.VIEWER).header("If-Match", "\"v1\"").delete("/api/v1/themes/" + id).then().statusCode(403);
        as(Roles.AUDITOR).get("/api/v1/themes").then().statusCode(403);
        given().get("/api/v1/themes/" + id).then().statusCode(401);
        given().contentType(ContentType.JSON).body(theme).post("/api/v1/themes").then().statusCode(401);
        assertEquals(1, Db.count("SELECT count(*) FROM theme_versions WHERE theme_id = '" + id + "'"));
    }

    static String create() {
        return editor("ada").body(SampleThemes.enterpriseDarkModeJson()).post("/api/v1/themes").then().statusCode(201)
                .extract().path("id");
    }

    static RequestSpecification editor(String subject) {
        return given().header("Authorization", "Bearer " + TestTokens.token(subject, Roles.EDITOR))
                .contentType(ContentType.JSON);
    }

    static RequestSpecification viewer() {
        return as(Roles.VIEWER);
    }

    static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON);
    }
}
