package io.cxone.themes.text;

import static io.restassured.RestAssured.given;
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
 * Every human-readable name the API stores follows one rule ({@link HumanNames}), so the same
 * characters get the same answer whether they name a theme or a channel watch: {@code "\u202e=rtl"} was 201 on a
 * watch and 400 on a theme; zero-width and other format characters, U+2028 and unpaired surrogates passed one or
 * both.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class HumanNameRuleTest {
    /** Names as JSON string literals (escapes as sent: an unpaired surrogate only travels as one). */
    private static final List<String> HOSTILE = List.of("\\u202e=rtl", "Zero\\u200bWidth", "Soft\\u00adHyphen",
            "Iso\\u2066late\\u2069", "BOM\\ufeffName", "Join\\u200dEmoji", "Line\\u2028Sep", "Tab\\tName",
            "Esc\\u001b[2J", "Lone \\ud800 high", "Lone \\udc00 low", "Cut \\ud83d");

    @Test
    void aNameAThemeMayNotHaveAWatchMayNotHaveEither() {
        for (String name : HOSTILE) {
            JsonPath theme = given().header("Authorization", TestTokens.bearer(Roles.EDITOR))
                    .contentType(ContentType.JSON).body(themeWithName(name)).post("/api/v1/themes").then()
                    .statusCode(400).extract().jsonPath();
            JsonPath watch = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER))
                    .contentType(ContentType.JSON).body(watchWithName(name)).post("/api/v1/channels").then()
                    .statusCode(400).extract().jsonPath();
            Map<String, String> themeError = nameError(theme);
            assertEquals("format", themeError.get("code"), name + ": " + theme.prettify());
            assertEquals(themeError, nameError(watch), name + ": the same rule answers the same");
        }
    }

    @Test
    void namesAreTrimmedAndBoundedTheSameWay() {
        Map<String, String> theme = nameError(given().header("Authorization", TestTokens.bearer(Roles.EDITOR))
                .contentType(ContentType.JSON).body(themeWithName("n".repeat(101))).post("/api/v1/themes").then()
                .statusCode(400).extract().jsonPath());
        Map<String, String> watch = nameError(given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER))
                .contentType(ContentType.JSON).body(watchWithName("n".repeat(101))).post("/api/v1/channels").then()
                .statusCode(400).extract().jsonPath());
        assertEquals("size", theme.get("code"));
        assertEquals("size", watch.get("code"));

        // printable text of any script, with emoji (a surrogate pair is one character), is a name; stored trimmed
        String name = "  Support \u00c9quipe \u65e5\u672c \ud83d\ude00  ";
        String themeName = given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).contentType(ContentType.JSON)
                .body(themeWithName(name)).post("/api/v1/themes").then().statusCode(201).extract().path("name");
        assertEquals(name.strip(), themeName);
        String id = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body(watchWithName(name)).post("/api/v1/channels").then().statusCode(201).extract().path("id");
        assertEquals(name.strip(), given().header("Authorization", TestTokens.bearer(Roles.VIEWER))
                .get("/api/v1/channels/" + id).then().statusCode(200).extract().path("name"));
        given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).delete("/api/v1/channels/" + id).then()
                .statusCode(204);
    }

    private static Map<String, String> nameError(JsonPath problem) {
        return problem.getMap("errors.find { it.path == 'name' }");
    }

    /** The sample theme with {@code name} spliced in as a JSON string literal. */
    private static String themeWithName(String jsonName) {
        Map<String, Object> sample = SampleThemes.enterpriseDarkModeJson();
        sample.put("name", "NAME_HERE");
        return toJson(sample).replace("\"NAME_HERE\"", "\"" + jsonName + "\"");
    }

    private static String watchWithName(String jsonName) {
        return "{\"brandId\":\"names-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"channelId\":\"chat_n\","
                + "\"env\":\"c1\",\"domain\":\"niceincontact.com\",\"intervalSeconds\":3600,\"name\":\"" + jsonName + "\"}";
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
