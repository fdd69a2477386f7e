package io.cxone.themes.theme.draft;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Import from the simulator's public channel endpoint into a stored draft, and diffs between stored versions. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class ImportAndDiffTest {
    private static final Map<String, Object> CHANNEL = Map.of("brandId", "4711", "channelId", "chat_abc", "env", "c1",
            "domain", "niceincontact.com");

    @AfterEach
    void clearOverride() {
        given().delete("/simulator/admin/channels/4711/chat_abc");
    }

    @Test
    void importStoresTheLiveAppearanceAsADraftWithItsReport() {
        String id = editor().body(CHANNEL).post("/api/v1/themes/import").then().statusCode(201)
                .header("ETag", "\"v1\"").body("source", equalTo("imported")).body("version", equalTo(1))
                .body("report.contrast", not(org.hamcrest.Matchers.empty())).body("importNotes.code", hasItem("not_imported"))
                .extract().path("id");
        viewer().get("/api/v1/themes/" + id).then().statusCode(200).body("source", equalTo("imported"));
        assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE action = 'theme.imported' AND theme_id = '"
                + id + "' AND details->'source'->>'brandId' = '4711'"));
    }

    @Test
    void anInaccessibleLiveAppearanceIsImportedAndTheReportSaysSo() {
        Map<String, Object> appearance = Map.of(
                "colors", Map.of("buttonColor", "#FFFFFF", "headerBgColor", "#FFFFFF", "headerFontColor", "#FAFAFA",
                        "themeColor", "#EEEEEE", "textColor", "#F0F0F0", "widgetBgColor", "#fff", "widgetFontColor", "#FEFEFE"),
                "widget", Map.of("appearance", "bar", "position", "left"), "customCss", ".x{color:red}");
        given().contentType(ContentType.JSON).body(appearance).put("/simulator/admin/channels/4711/chat_abc")
                .then().statusCode(200);
        editor().body(CHANNEL).post("/api/v1/themes/import").then().statusCode(201)
                .body("report.valid", equalTo(false))
                .body("report.contrast.find { it.pair == 'font.color/backgroundColor' && it.criterion == '1.4.3' }.passes",
                        equalTo(false))
                .body("report.contrast.find { it.pair == 'font.color/backgroundColor' && it.criterion == '1.4.3' }.suggestion",
                        notNullValue())
                .body("theme.backgroundColor", equalTo("#FFFFFF"));
    }

    @Test
    void importFailuresAreProblemsThatSayWhatToCheck() {
        given().contentType(ContentType.JSON).body(Map.of("notFound", true)).put("/simulator/admin/channels/4711/chat_abc");
        editor().body(CHANNEL).post("/api/v1/themes/import").then().statusCode(404).contentType("application/problem+json");
        editor().body(Map.of("brandId", "4711", "channelId", "chat_abc", "env", "c1", "domain", "evil.com/@x"))
                .post("/api/v1/themes/import").then().statusCode(400).body("errors[0].path", equalTo("domain"));
        editor().body(Map.of("brandId", "4711")).post("/api/v1/themes/import").then().statusCode(400);
        editor().body("[1]").post("/api/v1/themes/import").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).contentType(ContentType.JSON).body(CHANNEL)
                .post("/api/v1/themes/import").then().statusCode(403);
    }

    @Test
    void diffListsEachChangedFieldWithOldAndNew() {
        String id = editor().body(SampleThemes.enterpriseDarkModeJson()).post("/api/v1/themes").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> changed = SampleThemes.enterpriseDarkModeJson();
        changed.put("borderRadiusPx", 12);
        ((List<Map<String, Object>>) changed.get("buttons")).get(1).put("textColor", "#FFFFFF");
        editor().header("If-Match", "\"v1\"").body(changed).put("/api/v1/themes/" + id).then().statusCode(200);
        viewer().queryParam("from", 1).queryParam("to", 2).get("/api/v1/themes/" + id + "/diff").then().statusCode(200)
                .body("changes.path", equalTo(List.of("buttons[1].textColor", "borderRadiusPx")))
                .body("changes[1].old", equalTo(8)).body("changes[1].new", equalTo(12))
                .body("changes[0].old", equalTo("#E0E0E0")).body("changes[0].new", equalTo("#FFFFFF"));
        viewer().queryParam("from", 2).queryParam("to", 2).get("/api/v1/themes/" + id + "/diff").then().statusCode(200)
                .body("changes", org.hamcrest.Matchers.empty());
        viewer().queryParam("from", 1).queryParam("to", 3).get("/api/v1/themes/" + id + "/diff").then().statusCode(404);
        viewer().queryParam("to", 2).get("/api/v1/themes/" + id + "/diff").then().statusCode(400)
                .body("errors[0].path", equalTo("from"));
    }

    private static RequestSpecification editor() {
        return given().header("Authorization", "Bearer " + TestTokens.token("importer", Roles.EDITOR))
                .contentType(ContentType.JSON);
    }

    private static RequestSpecification viewer() {
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER));
    }
}
