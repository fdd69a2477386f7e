package io.cxone.themes.theme;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Work is bounded by the model, not the input: 5,500 buttons (396 KB, under the body limit) used to answer
 * 5.6 MB of JSON. Now the answer for a huge input is the size of the answer for a small broken one, and validation and
 * preview rendering never run on an event-loop thread.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class BoundedWorkTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String VALIDATE = "/api/v1/themes/validate";

    @BeforeEach
    void forget() {
        ThreadRecordingValidator.EVENT_LOOP_CALLS.clear();
    }

    static Map<String, Object> withButtons(int count) {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        List<Object> buttons = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            buttons.add(SampleThemes.button("Button " + i, "#00E676", "#000000", "center"));
        }
        theme.put("buttons", buttons);
        return theme;
    }

    static Response post(String path, Object body, String role) throws Exception {
        return given().header("Authorization", TestTokens.bearer(role)).contentType("application/json")
                .body(JSON.writeValueAsBytes(body)).post(path);
    }

    @Test
    void thousandsOfButtonsAreOneErrorAndTheAnswerOfFour() throws Exception {
        Map<String, Object> huge = withButtons(5_500);
        assertTrue(JSON.writeValueAsBytes(huge).length > 300_000, "the issue's 396 KB input");
        Response answer = post(VALIDATE, huge, Roles.VIEWER);
        Response four = post(VALIDATE, withButtons(4), Roles.VIEWER);
        assertEquals(200, answer.statusCode(), answer.asString());
        List<Map<String, Object>> errors = answer.jsonPath().getList("errors");
        assertEquals(1, errors.size(), answer.asString());
        assertEquals("buttons", errors.get(0).get("path"));
        assertEquals("size", errors.get(0).get("code"));
        assertTrue(errors.get(0).get("message").toString().contains("5500"), errors.toString());
        // the same contrast checks as a theme with four buttons: only the first three were checked
        assertEquals(four.jsonPath().getList("contrast"), answer.jsonPath().getList("contrast"));
        assertTrue(answer.asString().length() < four.asString().length() + 100, answer.asString().length() + " bytes");
    }

    @Test
    void reportedErrorsAreCapped() throws Exception {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        @SuppressWarnings("unchecked")
        List<Object> buttons = (List<Object>) theme.get("buttons");
        Map<String, Object> font = new LinkedHashMap<>();
        for (int i = 0; i < 8_000; i++) { // ~320 KB of unknown fields, spread over every object of the theme
            theme.put("extra" + i, 1);
            font.put("x" + i, 1);
        }
        theme.put("font", font);
        theme.put("header", font);
        buttons.set(0, font);
        Response answer = post(VALIDATE, theme, Roles.VIEWER);
        assertEquals(200, answer.statusCode(), answer.asString());
        List<Map<String, Object>> errors = answer.jsonPath().getList("errors");
        assertTrue(errors.size() <= ThemeValidator.MAX_ERRORS + 1, errors.size() + " errors");
        assertTrue(errors.stream().anyMatch(e -> e.get("message").toString().contains("more unknown fields")), errors.toString());
        assertTrue(answer.asString().length() < 16_000, answer.asString().length() + " bytes");
    }

    @Test
    void absurdStringsAreRefusedWithoutBeingEchoed() throws Exception {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        @SuppressWarnings("unchecked")
        Map<String, Object> button = (Map<String, Object>) ((List<Object>) theme.get("buttons")).get(0);
        button.put("label", "\"".repeat(100) + ", a".repeat(60_000)); // would feed every pattern 180 KB
        ((Map<String, Object>) theme.get("font")).put("family", "a, ".repeat(60_000) + "'");
        Response answer = post(VALIDATE, theme, Roles.VIEWER);
        assertEquals(200, answer.statusCode(), answer.asString());
        List<Map<String, Object>> errors = answer.jsonPath().getList("errors");
        assertEquals(List.of("buttons[0].label", "font.family"), errors.stream().map(e -> e.get("path")).toList());
        errors.forEach(e -> assertEquals("size", e.get("code")));
        assertTrue(answer.asString().length() < 10_000, answer.asString().length() + " bytes");
    }

    @Test
    void aPreviewDrawsAtMostThreeButtons() throws Exception {
        Response page = post("/preview", withButtons(5_500), Roles.VIEWER);
        assertEquals(200, page.statusCode());
        String html = page.asString();
        assertTrue(html.contains("Button 2") && !html.contains("Button 3"), "only the first three are drawn");
        Response four = post("/preview", withButtons(4), Roles.VIEWER);
        assertTrue(html.length() < four.asString().length() + 1_000, html.length() + " characters");
    }

    @Test
    void validationAndPreviewsRunOffTheEventLoop() throws Exception {
        assertEquals(200, post(VALIDATE, withButtons(2), Roles.VIEWER).statusCode());
        assertEquals(200, post("/preview", withButtons(2), Roles.VIEWER).statusCode());
        String id = post("/api/v1/themes", SampleThemes.enterpriseDarkModeJson(), Roles.EDITOR).then().statusCode(201)
                .extract().path("id");
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/themes/" + id).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/themes").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/preview/themes/" + id).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/preview/themes/" + id + "?version=1")
                .then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER))
                .get("/preview/compare?left=" + id + "&right=" + id + "@1").then().statusCode(200);
        assertEquals(List.of(), ThreadRecordingValidator.EVENT_LOOP_CALLS);
    }
}
