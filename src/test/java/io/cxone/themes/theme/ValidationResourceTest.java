package io.cxone.themes.theme;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.response.ValidatableResponse;

/** Known answers of SPEC sections 1 and 3 through {@code POST /api/v1/themes/validate}. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class ValidationResourceTest {
    static final String VALIDATE = "/api/v1/themes/validate";

    private static io.restassured.config.RestAssuredConfig previous;

    @BeforeAll
    static void doubles() {
        // ratios are compared as doubles, never rounded through float
        previous = RestAssured.config();
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    @org.junit.jupiter.api.AfterAll
    static void restore() {
        RestAssured.config = previous; // other suites in this JVM expect rest-assured's defaults
    }

    static ValidatableResponse validate(Object body) {
        return validate(body, null);
    }

    static ValidatableResponse validate(Object body, String level) {
        var request = given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).contentType(ContentType.JSON).body(body);
        if (level != null) {
            request.queryParam("level", level);
        }
        return request.when().post(VALIDATE).then();
    }

    @Test
    void focusHoverAndLauncherAreCheckedThroughTheEndpoint() {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<Object>) theme.get("buttons")).get(0);
        first.put("hover", Map.of("color", "#FFFFFF", "textColor", "#FFFFFF"));
        theme.put("focusIndicator", Map.of("color", "#FFFFFF", "widthPx", 1));
        theme.put("launcher", Map.of("sizePx", 48));
        validate(theme)
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("errors", empty())
                .body("contrast.find { it.pair == 'buttons[0].hover.textColor/buttons[0].hover.color' && it.criterion == '1.4.3' }.suggestion.path",
                        equalTo("buttons[0].hover.textColor"))
                .body("contrast.find { it.pair == 'focusIndicator.color/buttons[0].color' }.passes", equalTo(false))
                .body("contrast.every { it.vision.protanopia > 0 && it.vision.achromatopsia == it.ratio }", equalTo(true))
                .body("warnings.code", hasItem("focus_appearance"));
        validate(theme, "AAA").body("errors.code", contains("focus_appearance"));
    }

    @Test
    void aReportWithoutWarningsHasNoWarningsField() {
        validate(SampleThemes.enterpriseDarkModeJson()).statusCode(200)
                .body("containsKey('warnings')", equalTo(false))
                .body("contrast[0].vision.keySet()", containsInAnyOrder("protanopia", "deuteranopia", "tritanopia", "achromatopsia"));
    }

    @Test
    void enterpriseDarkModeIsValidWithOneButtonFillWarning() {
        validate(SampleThemes.enterpriseDarkModeJson())
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("valid", equalTo(true))
                .body("errors", empty())
                .body("contrast", hasSize(9))
                .body("contrast.findAll { !it.passes }", hasSize(1))
                .body("contrast.find { !it.passes }.pair", equalTo("buttons[1].color/backgroundColor"))
                .body("contrast.find { !it.passes }.foreground", equalTo("#2C2C2C"))
                .body("contrast.find { !it.passes }.background", equalTo("#1A1A1A"))
                .body("contrast.find { !it.passes }.criterion", equalTo("1.4.11"))
                .body("contrast.find { !it.passes }.severity", equalTo("warning"))
                .body("contrast.find { !it.passes }.required", equalTo(3.0))
                .body("contrast.find { !it.passes }.ratio", closeTo(1.25, 0.005))
                .body("contrast.find { !it.passes }.suggestion.path", equalTo("buttons[1].color"))
                .body("contrast.find { it.pair == 'primaryColor/backgroundColor' }.passes", equalTo(true))
                .body("contrast.find { it.pair == 'font.color/backgroundColor' && it.criterion == '1.4.3' }.ratio",
                        closeTo(17.4, 0.05));
    }

    @Test
    void blackOnWhiteIs21AndWhiteOnWhiteFails() {
        Map<String, Object> theme = withFont(14, 400, "#000000", "#FFFFFF");
        validate(theme).statusCode(200)
                .body("contrast.find { it.pair == 'font.color/backgroundColor' && it.criterion == '1.4.3' }.ratio", equalTo(21.0));
        theme = withFont(14, 400, "#FFFFFF", "#FFFFFF");
        validate(theme).statusCode(200)
                .body("valid", equalTo(false))
                .body("contrast.find { it.pair == 'font.color/backgroundColor' && it.criterion == '1.4.3' }.ratio", equalTo(1.0))
                .body("contrast.find { it.pair == 'font.color/backgroundColor' && it.criterion == '1.4.3' }.passes", equalTo(false));
    }

    @Test
    void grey777777FailsAndGrey767676Passes() {
        validate(withFont(14, 400, "#777777", "#FFFFFF")).statusCode(200)
                .body("valid", equalTo(false))
                .body(textCheck("1.4.3") + ".ratio", closeTo(4.478, 0.001))
                .body(textCheck("1.4.3") + ".passes", equalTo(false))
                .body(textCheck("1.4.3") + ".suggestion.path", equalTo("font.color"))
                .body(textCheck("1.4.3") + ".suggestion.passes", equalTo(true));
        validate(withFont(14, 400, "#767676", "#FFFFFF")).statusCode(200)
                .body("valid", equalTo(true))
                .body(textCheck("1.4.3") + ".ratio", closeTo(4.542, 0.001))
                .body(textCheck("1.4.3") + ".passes", equalTo(true));
    }

    @Test
    void unroundedRatioJustUnder4Point5Fails() {
        validate(withFont(14, 400, "#66798a", "#fff")).statusCode(200)
                .body("valid", equalTo(false))
                .body(textCheck("1.4.3") + ".foreground", equalTo("#66798A"))
                .body(textCheck("1.4.3") + ".background", equalTo("#FFFFFF"))
                .body(textCheck("1.4.3") + ".passes", equalTo(false))
                .body(textCheck("1.4.3") + ".ratio", closeTo(4.4998, 0.0001));
    }

    @Test
    void largeTextAndBoldThresholds() {
        // #949494 on white is about 3.03:1
        validate(withFont(24, 400, "#949494", "#FFFFFF")).statusCode(200)
                .body("valid", equalTo(true)).body(textCheck("1.4.3") + ".required", equalTo(3.0));
        validate(withFont(14, 400, "#949494", "#FFFFFF")).statusCode(200)
                .body("valid", equalTo(false)).body(textCheck("1.4.3") + ".required", equalTo(4.5));
        validate(withFont(19, 700, "#949494", "#FFFFFF")).statusCode(200)
                .body("valid", equalTo(true)).body(textCheck("1.4.3") + ".required", equalTo(3.0));
        validate(withFont(19, 600, "#949494", "#FFFFFF")).statusCode(200)
                .body("valid", equalTo(false)).body(textCheck("1.4.3") + ".required", equalTo(4.5));
    }

    @Test
    void whiteTextOnWhiteButtonIsRejectedWithASuggestion() {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("buttons", List.of(SampleThemes.button("Start Chat", "#FFFFFF", "#FFFFFF", "center")));
        validate(theme).statusCode(200)
                .body("valid", equalTo(false))
                .body("errors", empty())
                .body("contrast.find { it.pair == 'buttons[0].textColor/buttons[0].color' && it.criterion == '1.4.3' }.ratio", equalTo(1.0))
                .body("contrast.find { it.pair == 'buttons[0].textColor/buttons[0].color' && it.criterion == '1.4.3' }.severity", equalTo("error"))
                .body("contrast.find { it.pair == 'buttons[0].textColor/buttons[0].color' && it.criterion == '1.4.3' }.suggestion.path",
                        equalTo("buttons[0].textColor"))
                .body("contrast.find { it.pair == 'buttons[0].textColor/buttons[0].color' && it.criterion == '1.4.3' }.suggestion.color",
                        notNullValue())
                .body("contrast.find { it.pair == 'buttons[0].textColor/buttons[0].color' && it.criterion == '1.4.3' }.suggestion.passes",
                        equalTo(true));
    }

    @Test
    void levelAaaTurnsFailing146IntoErrors() {
        Map<String, Object> theme = withFont(14, 400, "#767676", "#FFFFFF");
        validate(theme).statusCode(200).body("valid", equalTo(true))
                .body(textCheck("1.4.6") + ".passes", equalTo(false))
                .body(textCheck("1.4.6") + ".severity", equalTo("warning"));
        validate(theme, "AA").statusCode(200).body("valid", equalTo(true));
        validate(theme, "AAA").statusCode(200).body("valid", equalTo(false))
                .body("level", equalTo("AAA"))
                .body(textCheck("1.4.6") + ".severity", equalTo("error"));
        validate(theme, "AAAA").statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("errors.path", contains("level"));
    }

    @Test
    void fieldErrorsNameTheirJsonPath() {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        @SuppressWarnings("unchecked")
        Map<String, Object> font = (Map<String, Object>) theme.get("font");
        font.put("sizePx", 30);
        font.put("colour", "#FFFFFF");
        theme.put("header", Map.of("backgroundColor", "blue", "textColor", "#FFF"));
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) ((List<Object>) theme.get("buttons")).get(1);
        second.put("textColor", 12);
        validate(theme).statusCode(200)
                .body("valid", equalTo(false))
                .body("errors.path", containsInAnyOrder("font.sizePx", "font.colour", "header.backgroundColor", "buttons[1].textColor"))
                .body("errors.find { it.path == 'font.colour' }.code", equalTo("unknown_field"))
                .body("errors.find { it.path == 'font.sizePx' }.code", equalTo("range"))
                .body("errors.find { it.path == 'header.backgroundColor' }.code", equalTo("color"))
                .body("errors.find { it.path == 'buttons[1].textColor' }.code", equalTo("type"));
    }

    @Test
    void nonObjectBodyIs400WithAPath() {
        given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).contentType(ContentType.JSON).body("[1,2]")
                .when().post(VALIDATE).then()
                .statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("errors.path", hasItem("$"))
                .body("type", startsWith("urn:"));
    }

    static String textCheck(String criterion) {
        return "contrast.find { it.pair == 'font.color/backgroundColor' && it.criterion == '" + criterion + "' }";
    }

    /** The sample with another font and background; primary and buttons are made to pass on any background. */
    static Map<String, Object> withFont(int sizePx, int weight, String color, String background) {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("backgroundColor", background);
        theme.put("primaryColor", "#000000");
        theme.put("buttons", List.of(SampleThemes.button("OK", "#000000", "#FFFFFF", "right")));
        @SuppressWarnings("unchecked")
        Map<String, Object> font = (Map<String, Object>) theme.get("font");
        font.put("sizePx", sizePx);
        font.put("weight", weight);
        font.put("color", color);
        return theme;
    }
}
