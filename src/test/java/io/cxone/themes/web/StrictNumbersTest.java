package io.cxone.themes.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A whole number is a JSON integer, one rule for every integer field however its body is read
 * (bound to a record, or read as a tree): {@code 60.5} and {@code "60"} for a watch's {@code intervalSeconds} were
 * 201 with 60; a theme accepted {@code 8.0}. Each is 400 {@code type} naming the field, and nothing is stored.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class StrictNumbersTest {
    /** JSON literals that are not a whole number (as the value of an integer field). */
    private static final List<String> NOT_WHOLE = List.of("60.5", "\"60\"", "60.0", "6e1", "\"\"", "true",
            "99999999999");

    @Test
    void aWatchIntervalMustBeAJsonInteger() {
        for (String literal : NOT_WHOLE) {
            JsonPath problem = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER))
                    .contentType(ContentType.JSON).body(watch(literal)).post("/api/v1/channels").then()
                    .statusCode(400).contentType("application/problem+json").extract().jsonPath();
            assertEquals(Map.of("path", "intervalSeconds", "code", "type", "message", "must be a whole number"),
                    problem.getMap("errors[0]"), literal + ": " + problem.prettify());
        }
        // the same field as an integer is taken as it is
        given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body(watch("600")).post("/api/v1/channels").then().statusCode(201)
                .body("intervalSeconds", equalTo(600));
    }

    @Test
    void aThemesIntegerFieldsMustBeJsonIntegers() {
        for (String literal : NOT_WHOLE) {
            for (String field : List.of("borderRadiusPx", "maxWidthPx", "font.sizePx", "font.weight")) {
                given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).contentType(ContentType.JSON)
                        .body(themeWith(field, literal)).post("/api/v1/themes").then().statusCode(400)
                        .body("errors.find { it.path == '" + field + "' }.code", equalTo("type"))
                        .body("errors.find { it.path == '" + field + "' }.message", equalTo("must be a whole number"));
            }
        }
        // and the validation report says the same, without storing anything
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).contentType(ContentType.JSON)
                .body(themeWith("borderRadiusPx", "8.0")).post("/api/v1/themes/validate").then().statusCode(200)
                .body("valid", equalTo(false)).body("errors.path", hasItem("borderRadiusPx"));
    }

    @Test
    void otherNumbersAndBooleansAreNotReadFromStrings() {
        given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body("{\"variants\":[{\"publicationId\":\"" + UUID.randomUUID() + "\",\"trafficWeight\":\"1\"}]}")
                .put("/api/v1/widgets/strict-w1/assignments").then().statusCode(400)
                .body("errors[0].path", equalTo("variants[0].trafficWeight")).body("errors[0].code", equalTo("type"))
                .body("errors[0].message", equalTo("must be a number"));
        given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body("{\"publicationId\":\"" + UUID.randomUUID() + "\",\"widgetIds\":[\"strict-w1\"],"
                        + "\"overrideExisting\":\"true\"}")
                .post("/api/v1/sync-jobs").then().statusCode(400).body("errors[0].path", equalTo("overrideExisting"))
                .body("errors[0].code", equalTo("type")).body("errors[0].message", equalTo("must be true or false"));
        given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body("{\"themeId\":\"" + UUID.randomUUID() + "\",\"version\":1.0}")
                .post("/api/v1/widgets/strict-w1/publications").then().statusCode(400)
                .body("errors[0].path", equalTo("version")).body("errors[0].code", equalTo("type"));
    }

    private static String watch(String intervalLiteral) {
        return "{\"brandId\":\"strict-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"channelId\":\"chat_s\","
                + "\"env\":\"c1\",\"domain\":\"niceincontact.com\",\"intervalSeconds\":" + intervalLiteral + "}";
    }

    /** The sample theme with one integer field (top level or {@code font.x}) as the JSON literal given. */
    private static String themeWith(String field, String literal) {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        @SuppressWarnings("unchecked")
        Map<String, Object> target = field.startsWith("font.") ? (Map<String, Object>) theme.get("font") : theme;
        target.put(field.substring(field.indexOf('.') + 1), "LITERAL_HERE");
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(theme)
                    .replace("\"LITERAL_HERE\"", literal);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
