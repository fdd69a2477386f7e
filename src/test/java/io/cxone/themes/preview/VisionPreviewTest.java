package io.cxone.themes.preview;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.cxone.themes.accessibility.Rgb;
import io.cxone.themes.accessibility.VisionDeficiency;
import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * {@code ?vision=} on the three preview routes: the page's style element is the plain page's with every colour
 * replaced by {@link VisionDeficiency#simulate}, the text (and the report's listed values) unchanged; an unknown kind
 * is a 400 naming {@code vision}. (The browser oracle, {@code VisionOracleTest}, checks the drawn pixels.)
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class VisionPreviewTest {
    private static final Pattern STYLE = Pattern.compile("(?s)<style nonce=\"[^\"]+\">(.*?)</style>");
    private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}(?![0-9A-Za-z])");

    private static RequestSpecification viewer() {
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER));
    }

    private static String live(Map<String, Object> theme, String vision) {
        RequestSpecification request = viewer().contentType(ContentType.JSON).body(theme);
        if (vision != null) {
            request.queryParam("vision", vision);
        }
        return request.when().post("/preview").then().statusCode(200).extract().asString();
    }

    private static String style(String page) {
        Matcher m = STYLE.matcher(page);
        assertTrue(m.find(), "a style element");
        String style = m.group(1);
        assertFalse(m.find(), "exactly one style element");
        return style;
    }

    private static String body(String page) {
        return page.substring(page.indexOf("<body>")).replaceAll("(?s)<p class=\"vision-note\".*?</p>", "");
    }

    /** The plain style with every {@code #RRGGBB} replaced as the paper's model says: the expected vision style. */
    private static String mapped(String plainStyle, VisionDeficiency kind) {
        Matcher m = HEX.matcher(plainStyle);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, kind.simulate(Rgb.parse(m.group().toUpperCase())).hex());
        }
        return m.appendTail(out).toString();
    }

    @Test
    void everyColourOfTheLivePreviewIsSimulatedAndTheTextIsNot() {
        Map<String, Object> theme = PreviewThemes.harbor();
        String plain = live(theme, null);
        for (VisionDeficiency kind : VisionDeficiency.values()) {
            String seen = live(theme, kind.wireName());
            assertEquals(mapped(style(plain), kind), style(seen), kind.wireName());
            assertNotEquals(style(plain), style(seen), "the theme's colours are not greys: " + kind);
            // the report still lists the theme's own values, and nothing else on the page changed
            assertEquals(body(plain), body(seen), kind.wireName());
            assertTrue(seen.contains("data-vision=\"" + kind.wireName() + "\""), "the page says what it shows");
        }
        assertTrue(style(live(theme, "protanopia")).contains("--primary: "
                + VisionDeficiency.PROTANOPIA.simulate(Rgb.parse("#0B5CAD")).hex() + ";"));
        assertFalse(plain.contains("data-testid=\"vision-note\""), "no note without ?vision");
    }

    @Test
    void storedAndCompareRoutesTakeItToo() {
        Map<String, Object> theme = PreviewThemes.harbor();
        String id = StoredDrafts.create(theme);
        Map<String, Object> other = PreviewThemes.harbor();
        other.put("primaryColor", "#B3261E");
        StoredDrafts.update(id, other).then().statusCode(200);

        String plain = viewer().queryParam("version", "1").when().get("/preview/themes/" + id).then().statusCode(200)
                .extract().asString();
        String seen = viewer().queryParam("version", "1").queryParam("vision", "deuteranopia").when()
                .get("/preview/themes/" + id).then().statusCode(200).extract().asString();
        assertEquals(mapped(style(plain), VisionDeficiency.DEUTERANOPIA), style(seen));
        assertEquals(body(plain), body(seen));

        String plainCompare = viewer().queryParam("left", id + "@1").queryParam("right", id).when()
                .get("/preview/compare").then().statusCode(200).extract().asString();
        String seenCompare = viewer().queryParam("left", id + "@1").queryParam("right", id)
                .queryParam("vision", "tritanopia").when().get("/preview/compare").then().statusCode(200).extract()
                .asString();
        assertEquals(mapped(style(plainCompare), VisionDeficiency.TRITANOPIA), style(seenCompare));
        assertEquals(body(plainCompare), body(seenCompare), "the changed-fields table keeps the real values");
        assertTrue(seenCompare.contains("data-vision=\"tritanopia\""));
    }

    @Test
    void anUnknownKindIsA400NamingVision() {
        Map<String, Object> theme = PreviewThemes.harbor();
        for (String bad : List.of("protan", "Protanopia", "blurredVision", "none", "<script>")) {
            viewer().contentType(ContentType.JSON).body(theme).queryParam("vision", bad).when().post("/preview").then()
                    .statusCode(400).contentType("application/problem+json").body("errors[0].path", equalTo("vision"))
                    .body("errors[0].code", equalTo("enum")).body("errors[0].message", containsString("protanopia"));
        }
        viewer().queryParam("vision", "red").when().get("/preview/themes/" + UUID.randomUUID()).then()
                .statusCode(400).body("errors[0].path", equalTo("vision"));
        viewer().queryParam("left", "x").queryParam("right", "y").queryParam("vision", "red").queryParam("level", "AA")
                .when().get("/preview/compare").then().statusCode(400);
        // absent or blank: typical vision
        viewer().contentType(ContentType.JSON).body(theme).queryParam("vision", "").when().post("/preview").then()
                .statusCode(200);
    }

    /**
     * The transform finds colours as {@code #RRGGBB}: any other notation in the page's style (short hex, rgb() of a
     * non-grey, hsl(), a colour name) would be drawn untransformed, so the templates may not use one.
     */
    @Test
    void thePageStyleWritesEveryColourAsSixDigitHex() {
        Map<String, Object> theme = PreviewThemes.harbor();
        PreviewThemes.font(theme).put("family", "Red, \"Blue Sky\", sans-serif"); // names are not colours
        String style = style(live(theme, null)).replaceAll("\"[^\"]*\"", "\"\"");
        List<String> others = new ArrayList<>();
        Matcher m = Pattern.compile("#[0-9A-Fa-f]+|\\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\\([^)]*\\)").matcher(style);
        while (m.find()) {
            String token = m.group();
            boolean sixHex = token.startsWith("#") && token.length() == 7;
            boolean black = token.matches("rgba\\(0, 0, 0, [0-9.]+\\)");
            if (!sixHex && !black) {
                others.add(token);
            }
        }
        Matcher named = Pattern.compile(":\\s*[^;{}]*\\b(red|green|blue|white|black|gray|grey|yellow|orange|purple|navy|silver|maroon|teal)\\b(?![-(])")
                .matcher(style.replaceAll("font-family:[^;]*;", ";").replace("white-space", "ws"));
        while (named.find()) {
            others.add(named.group());
        }
        assertEquals(List.of(), others);
    }
}
