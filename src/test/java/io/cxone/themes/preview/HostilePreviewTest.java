package io.cxone.themes.preview;

import static io.cxone.themes.preview.PreviewRenderingTest.style;
import static io.cxone.themes.preview.PreviewThemes.rgb;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.ElementHandle;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.Response;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Hostile theme values in a real browser. Text that is valid (names, labels) must show literally and never run;
 * values that could be CSS or URLs are refused by validation, and the page draws safe defaults in their place.
 */
@QuarkusTest
@WithChromium
@WithTestResource(JwtTestKeys.class)
class HostilePreviewTest {
    static final String SCRIPT_NAME = "<script>window.__pwned=1</script>";
    static final String IMG_LABEL = "<img src=x onerror=__pwned=1>";
    static final String ATTR_LABEL = "\"><svg onload=__pwned=1>";
    static final String STYLE_LABEL = "</style><b>bold</b>";

    @TestHTTPResource("/preview")
    URL preview;

    @Test
    void markupInValidNamesAndLabelsShowsLiterallyAndNeverRuns(Page page) {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("name", SCRIPT_NAME);
        List<Object> buttons = new ArrayList<>();
        buttons.add(SampleThemes.button(IMG_LABEL, "#00E676", "#000000", "center"));
        buttons.add(SampleThemes.button(ATTR_LABEL, "#2C2C2C", "#E0E0E0", "left"));
        buttons.add(SampleThemes.button(STYLE_LABEL, "#2C2C2C", "#E0E0E0", "right"));
        theme.put("buttons", buttons);
        assertEquals(true, validate(theme).get("valid"), "these are legitimate texts: the API accepts them");

        Response response = Chromium.post(page, preview.toString(), theme, Roles.VIEWER);
        String html = response.text();
        assertFalse(html.contains("<script") || html.contains("<img src=x") || html.contains("<svg onload"), "escaped on the wire");
        page.waitForLoadState(LoadState.NETWORKIDLE); // an onerror/onload would have had its chance by now
        assertNotPwned(page);
        assertEquals(0L, count(page, "script, img, svg[onload], b"), "no element was made from theme text");
        assertEquals(SCRIPT_NAME, page.title().substring("Preview: ".length()));
        assertEquals(SCRIPT_NAME, page.locator("h1 .theme-name").textContent());
        assertEquals(List.of(SCRIPT_NAME, SCRIPT_NAME, SCRIPT_NAME, SCRIPT_NAME), page.locator(".chat-title").allTextContents());
        assertEquals(List.of(IMG_LABEL, ATTR_LABEL, STYLE_LABEL),
                page.locator("[data-stage=desktop-light] .btn-label").allTextContents());
        // the literal "</style>" in a label closed nothing: the theme's styles still apply
        ElementHandle widget = page.querySelector("[data-testid=widget]");
        assertEquals(rgb("#1A1A1A"), style(widget, ".chat-body", "backgroundColor"));
        assertEquals(rgb("#2C2C2C"), style(widget, ".btn-2", "backgroundColor"));
    }

    @Test
    void cssBreakoutsAndScriptUrlsAreRefusedAndNeverReachThePage(Page page) {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("backgroundColor", "red;background:url(https://evil.example/x.png)");
        theme.put("primaryColor", "#fff}</style><script>window.__pwned=1</script>");
        PreviewThemes.font(theme).put("family", "Inter;}</style><script>window.__pwned=1</script>");
        PreviewThemes.font(theme).put("color", "#FFF;background-image:url(https://evil.example/y.png)");
        PreviewThemes.button(theme, 0).put("iconUrl", "javascript:window.__pwned=1");
        PreviewThemes.button(theme, 1).put("iconUrl", "https://cdn.example.com/icon.svg\" onerror=\"window.__pwned=1");
        PreviewThemes.button(theme, 1).put("textColor", "expression(alert(1))");
        Set<String> refused = Set.of("backgroundColor", "primaryColor", "font.family", "font.color", "buttons[0].iconUrl",
                "buttons[1].iconUrl", "buttons[1].textColor");

        Map<String, Object> report = validate(theme);
        assertEquals(false, report.get("valid"));
        assertEquals(refused, paths(report));

        Response response = Chromium.post(page, preview.toString(), theme, Roles.VIEWER);
        assertEquals(200, response.status(), "an invalid theme is still drawn, with its errors");
        assertEquals(refused, new TreeSet<>(strings(page.locator("[data-testid=errors] li").evaluateAll("ls => ls.map(l => l.dataset.path)"))));
        String css = page.locator("style").textContent();
        assertFalse(css.contains("evil") || css.contains("url(") || css.contains("__pwned") || css.contains("expression"), css);
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertNotPwned(page);
        assertEquals(0L, count(page, "script, img"), "no icon from a refused URL");
        for (ElementHandle widget : page.querySelectorAll("[data-testid=widget]")) {
            // the safe defaults of ThemeView, and nothing more: no background image came through
            assertEquals(rgb(ThemeView.DEFAULT_BACKGROUND), style(widget, ".chat-body", "backgroundColor"));
            assertEquals("none", style(widget, ".chat-body", "backgroundImage"));
            assertEquals("none", style(widget, ".chat", "backgroundImage"));
            assertEquals(rgb(ThemeView.DEFAULT_TEXT), style(widget, ".msg--agent", "color"));
            assertEquals(rgb(ThemeView.DEFAULT_PRIMARY), style(widget, ".launcher", "backgroundColor"));
            assertTrue(style(widget, ".chat", "fontFamily").startsWith("system-ui, sans-serif"));
            assertEquals(rgb("#FFFFFF"), style(widget, ".btn-1", "color"), "contrasting default for a refused label colour");
        }
        assertEquals("none", page.evaluate("() => getComputedStyle(document.body).backgroundImage"));
        page.locator("[data-stage=desktop-light] .btn-0").click();
        assertNotPwned(page);
    }

    @Test
    void onlyHttpsIconsAreDrawnAndTheServerNeverFetchesThem(Page page) {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        PreviewThemes.button(theme, 0).put("iconUrl", "https://icons.example.com/chat.svg?size=16&theme=dark");
        PreviewThemes.button(theme, 1).put("iconUrl", "http://icons.example.com/plain.svg");
        Chromium.post(page, preview.toString(), theme, Roles.VIEWER);
        assertEquals(List.of("https://icons.example.com/chat.svg?size=16&theme=dark"),
                page.locator("[data-stage=desktop-light] img").evaluateAll("is => is.map(i => i.getAttribute('src'))"));
        assertEquals("", page.locator("[data-stage=desktop-light] .btn-0 img").getAttribute("alt"), "decorative beside its label");
        assertTrue(page.locator("[data-path='buttons[1].iconUrl']").textContent().contains("https"));
    }

    private static void assertNotPwned(Page page) {
        assertNull(page.evaluate("() => window.__pwned"), "theme content ran as script");
    }

    private static long count(Page page, String selector) {
        return ((Number) page.evaluate("s => document.querySelectorAll(s).length", selector)).longValue();
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object list) {
        return (List<String>) list;
    }

    static Map<String, Object> validate(Map<String, Object> theme) {
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).contentType(ContentType.JSON).body(theme)
                .when().post("/api/v1/themes/validate").then().statusCode(200).extract().jsonPath().getMap("$");
    }

    @SuppressWarnings("unchecked")
    static Set<String> paths(Map<String, Object> report) {
        Set<String> paths = new TreeSet<>();
        ((List<Map<String, Object>>) report.get("errors")).forEach(e -> paths.add((String) e.get("path")));
        return paths;
    }
}
