package io.cxone.themes.simulator;

import io.cxone.themes.support.Sim;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class SimulatorChannelTest {
    private static final String CHANNEL = "/simulator/channels/c1/niceincontact.com/chat/1.0/brand/4711/channel/chat_abc";

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void servesADeterministicDefaultWithoutAuth() {
        String first = given().queryParam("locale", "en_US").get(CHANNEL).then().statusCode(200)
                .body("colors.buttonColor", matchesPattern("#[0-9A-F]{6}"))
                .body("colors.widgetBgColor", matchesPattern("#[0-9A-F]{6}"))
                .body("colors.headerFontColor", equalTo("#FFFFFF"))
                .body("widget.appearance", oneOf("bar", "bubble"))
                .body("widget.position", oneOf("left", "right"))
                .body("customCss", equalTo("")).extract().asString();
        given().get(CHANNEL).then().body(equalTo(first));
    }

    @Test
    void adminOverrideServesAnyAppearanceAndCanMakeItMissing() {
        Map<String, Object> appearance = Map.of(
                "colors", Map.of("buttonColor", "#FFFFFF", "headerBgColor", "#FFFFFF", "headerFontColor", "#FAFAFA",
                        "themeColor", "#EEEEEE", "textColor", "#F0F0F0", "widgetBgColor", "#FFFFFF", "widgetFontColor", "#FEFEFE"),
                "widget", Map.of("appearance", "bar", "position", "left"), "customCss", ".x{color:red}");
        given().contentType(ContentType.JSON).body(appearance).put("/simulator/admin/channels/4711/chat_abc").then().statusCode(200);
        given().get(CHANNEL).then().statusCode(200).body("colors.textColor", equalTo("#F0F0F0"))
                .body("widget.appearance", equalTo("bar")).body("customCss", equalTo(".x{color:red}"));
        given().contentType(ContentType.JSON).body(Map.of("notFound", true)).put("/simulator/admin/channels/4711/chat_abc")
                .then().statusCode(200);
        given().get(CHANNEL).then().statusCode(404);
        given().delete("/simulator/admin/channels/4711/chat_abc").then().statusCode(204);
        given().get(CHANNEL).then().statusCode(200).body("colors.headerFontColor", equalTo("#FFFFFF"));
    }

    @Test
    void adminOverrideCanMakeTheHostFailOrThrottle() {
        given().contentType(ContentType.JSON).body(Map.of("fail", Map.of("status", 429, "retryAfterSeconds", 7)))
                .put("/simulator/admin/channels/4711/chat_abc").then().statusCode(200);
        given().get(CHANNEL).then().statusCode(429).header("Retry-After", equalTo("7"));
        given().contentType(ContentType.JSON).body(Map.of("fail", Map.of("status", 503)))
                .put("/simulator/admin/channels/4711/chat_abc").then().statusCode(200);
        given().get(CHANNEL).then().statusCode(503);
        given().delete("/simulator/admin/channels/4711/chat_abc").then().statusCode(204);
        given().get(CHANNEL).then().statusCode(200);
    }
}
