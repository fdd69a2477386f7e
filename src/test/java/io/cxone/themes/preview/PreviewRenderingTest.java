package io.cxone.themes.preview;

import static io.cxone.themes.preview.PreviewThemes.rgb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ElementHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The preview in a real browser: what it shows, and that the computed styles are exactly the theme's. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class PreviewRenderingTest {
    static Chromium chromium;
    BrowserContext context;
    Page page;

    @TestHTTPResource("/preview")
    URL preview;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void close() {
        chromium.close();
    }

    @BeforeEach
    void open() {
        context = chromium.context(false);
        page = context.newPage();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void showsTheWidgetMessagesButtonsAndReportAtEveryStage() {
        assertEquals(200, Chromium.post(page, preview.toString(), SampleThemes.enterpriseDarkModeJson(), Roles.VIEWER).status());
        Chromium.screenshot(page, "preview-enterprise-dark-mode.png");
        Locator widgets = page.locator("[data-testid=widget]");
        assertEquals(List.of("desktop-light", "desktop-dark", "mobile-light", "mobile-dark"),
                widgets.evaluateAll("ws => ws.map(w => w.dataset.stage)"));
        for (Locator visible : List.of(page.locator(".chat").first(), page.locator(".launcher").first(),
                page.locator(".msg--agent").first(), page.locator(".msg--customer").first(), page.locator(".send").first(),
                page.locator("[data-testid=badges]"))) {
            assertTrue(visible.isVisible(), visible + " is visible");
        }
        assertEquals("Enterprise Dark Mode", page.locator(".chat-title").first().textContent());
        assertEquals(List.of("Start Chat", "Browse FAQ"), page.locator("[data-stage=desktop-light] .btn-label").allTextContents());
        assertTrue(page.locator("[data-testid=verdict]").textContent().startsWith("Valid at level AA"));
        Locator warning = page.locator(".badge[data-pair='buttons[1].color/backgroundColor']");
        assertEquals("warning", warning.getAttribute("data-status"));
        assertTrue(warning.textContent().contains("1.25:1"), warning.textContent());
        assertTrue(warning.locator(".suggestion-color").textContent().matches("#[0-9A-F]{6}"));
        assertEquals(0, page.locator(".badge[data-status=fail]").count());
        // the mobile window fills the phone; the desktop one stops at the theme's max width
        assertEquals(360.0, width(page.locator("[data-stage=desktop-light]")), 0.5);
        assertTrue(width(page.locator("[data-stage=mobile-light]")) < 340);
    }

    @Test
    void computedStylesAreTheThemesOwn() {
        Map<String, Object> theme = PreviewThemes.harbor();
        Chromium.post(page, preview.toString(), theme, Roles.EDITOR);
        Chromium.screenshot(page, "preview-harbor-light.png");
        assertEquals(4, page.locator("[data-testid=widget]").count());
        for (ElementHandle widget : page.querySelectorAll("[data-testid=widget]")) {
            assertEquals(rgb("#F8FAFC"), style(widget, ".chat-body", "backgroundColor"));
            assertEquals(rgb("#1E293B"), style(widget, ".msg--agent", "color"));
            assertEquals("16px", style(widget, ".msg--agent", "fontSize"));
            assertEquals("400", style(widget, ".msg--agent", "fontWeight"));
            assertTrue(style(widget, ".msg--agent", "fontFamily").startsWith("\"Open Sans\", Arial, sans-serif"),
                    style(widget, ".msg--agent", "fontFamily"));
            assertEquals("12px", style(widget, ".chat", "borderTopLeftRadius"));
            for (String primary : List.of(".launcher", ".send", ".msg--customer")) {
                assertEquals(rgb("#0B5CAD"), style(widget, primary, "backgroundColor"), primary);
            }
            assertEquals(rgb("#0F172A"), style(widget, ".chat-header", "backgroundColor"));
            assertEquals(rgb("#F8FAFC"), style(widget, ".chat-header", "color"));
            for (int i = 0; i < 3; i++) {
                Map<String, Object> button = PreviewThemes.button(theme, i);
                assertEquals(rgb((String) button.get("color")), style(widget, ".btn-" + i, "backgroundColor"));
                assertEquals(rgb((String) button.get("textColor")), style(widget, ".btn-" + i, "color"));
                assertEquals("16px", style(widget, ".btn-" + i, "fontSize"));
                assertPosition(widget, i, (String) button.get("position"));
            }
            assertEquals("https://cdn.example.com/icons/faq.svg", widget.querySelector(".btn-1 img").getAttribute("src"));
        }
        assertEquals(380.0, width(page.locator("[data-stage=desktop-dark]")), 0.5);
    }

    @Test
    void withoutAHeaderTheWindowUsesThePrimaryColourAndTheTextThatContrastsMost() {
        Chromium.post(page, preview.toString(), SampleThemes.enterpriseDarkModeJson(), Roles.PUBLISHER);
        ElementHandle widget = page.querySelector("[data-testid=widget]");
        assertEquals(rgb("#00E676"), style(widget, ".chat-header", "backgroundColor"));
        assertEquals(rgb("#000000"), style(widget, ".chat-header", "color"));
        assertEquals(rgb("#000000"), style(widget, ".msg--customer", "color"));
    }

    private static void assertPosition(ElementHandle widget, int index, String position) {
        BoundingBox row = widget.querySelector(".actions").boundingBox();
        BoundingBox button = widget.querySelector(".btn-" + index).boundingBox();
        double left = button.x - row.x, right = row.x + row.width - (button.x + button.width);
        switch (position) {
            case "left" -> assertEquals(0, left, 0.5, "left button at the left edge");
            case "right" -> assertEquals(0, right, 0.5, "right button at the right edge");
            default -> assertEquals(left, right, 1.0, "centre button centred");
        }
    }

    static String style(ElementHandle scope, String selector, String property) {
        return (String) scope.querySelector(selector).evaluate("(el, p) => getComputedStyle(el)[p]", property);
    }

    private static double width(Locator widget) {
        return widget.locator(".chat").boundingBox().width;
    }
}
