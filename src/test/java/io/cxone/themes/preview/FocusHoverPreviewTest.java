package io.cxone.themes.preview;

import static io.cxone.themes.preview.PreviewThemes.rgb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;

import io.cxone.themes.accessibility.Rgb;
import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The preview draws the states the validator checks, as the widget draws them: the focus ring (the theme's width and
 * colour, else 2 px of the primary colour) outside the launcher and buttons on keyboard focus, each button's hover
 * colours under the pointer, and the launcher at its size. Read from the screen, not only from computed styles.
 */
@QuarkusTest
@WithChromium
@WithTestResource(JwtTestKeys.class)
class FocusHoverPreviewTest {
    private static final String FIRST = "[data-stage=desktop-light] ";

    @TestHTTPResource("/preview")
    URL preview;

    static Map<String, Object> withStates() {
        Map<String, Object> theme = PreviewThemes.harbor();
        theme.put("focusIndicator", new LinkedHashMap<>(Map.of("color", "#C2185B", "widthPx", 4)));
        theme.put("launcher", new LinkedHashMap<>(Map.of("sizePx", 48)));
        PreviewThemes.button(theme, 0).put("hover", new LinkedHashMap<>(Map.of("color", "#FFD54F", "textColor", "#212121")));
        return theme;
    }

    /** Tabs from the top of the page until {@code selector} has keyboard focus (so :focus-visible applies). */
    private static void tabTo(Page page, String selector) {
        Locator target = page.locator(selector);
        for (int i = 0; i < 40 && !Boolean.TRUE.equals(target.evaluate("el => el === document.activeElement")); i++) {
            page.keyboard().press("Tab");
        }
        assertTrue((Boolean) target.evaluate("el => el.matches(':focus-visible')"), selector + " has keyboard focus");
    }

    /** The colour drawn in the band of {@code width} px just above the element's top edge (where an outline is). */
    private static Rgb above(Page page, String selector, int width) {
        BoundingBox box = page.locator(selector).boundingBox();
        // the middle half of the edge: away from rounded corners
        return Pixels.ranked(page, box.x + box.width / 4, box.y - width, box.width / 2, width).get(0);
    }

    @Test
    void keyboardFocusDrawsTheThemesRingOnButtonsAndTheLauncher(Page page) {
        Chromium.post(page, preview.toString(), withStates(), Roles.VIEWER);
        String background = "#F8FAFC";
        assertEquals(background, above(page, FIRST + ".btn-1", 4).hex(), "no ring before focus");
        tabTo(page, FIRST + ".btn-1");
        assertEquals("#C2185B", above(page, FIRST + ".btn-1", 4).hex(), "a 4 px ring in the theme's colour");
        assertEquals("4px", page.locator(FIRST + ".btn-1").evaluate("el => getComputedStyle(el).outlineWidth"));
        tabTo(page, FIRST + ".launcher");
        assertEquals(rgb("#C2185B"), page.locator(FIRST + ".launcher").evaluate("el => getComputedStyle(el).outlineColor"));
        BoundingBox launcher = page.locator(FIRST + ".launcher").boundingBox();
        assertEquals(48.0, launcher.width, 0.01);
        assertEquals(48.0, launcher.height, 0.01);
        Chromium.screenshot(page, "preview-focus-ring.png");
    }

    @Test
    void withoutAFocusIndicatorTheRingIsTwoPixelsOfThePrimaryColour(Page page) {
        Chromium.post(page, preview.toString(), PreviewThemes.harbor(), Roles.VIEWER);
        tabTo(page, FIRST + ".btn-1");
        assertEquals("#0B5CAD", above(page, FIRST + ".btn-1", 2).hex());
        assertEquals("2px", page.locator(FIRST + ".btn-1").evaluate("el => getComputedStyle(el).outlineWidth"));
        assertEquals(56.0, page.locator(FIRST + ".launcher").boundingBox().width, 0.01);
    }

    @Test
    void theHoverColoursAreDrawnUnderThePointerAndAButtonWithoutThemStaysAsItIs(Page page) {
        Chromium.post(page, preview.toString(), withStates(), Roles.VIEWER);
        Locator label = page.locator(FIRST + ".btn-0 .btn-label");
        BoundingBox box = label.boundingBox();
        List<Rgb> rest = Pixels.ranked(page, box.x, box.y, box.width, box.height);
        assertEquals(List.of("#0B5CAD", "#FFFFFF"), List.of(rest.get(0).hex(), rest.get(1).hex()));
        page.locator(FIRST + ".btn-0").hover();
        List<Rgb> over = Pixels.ranked(page, box.x, box.y, box.width, box.height);
        assertEquals(List.of("#FFD54F", "#212121"), List.of(over.get(0).hex(), over.get(1).hex()), "the hover colours");
        assertEquals("buttons[0].hover.textColor/buttons[0].hover.color",
                page.locator(FIRST + ".btn-0").getAttribute("data-hover-pair"));

        page.locator(FIRST + ".btn-2").hover();
        assertEquals(rgb("#14532D"), page.locator(FIRST + ".btn-2").evaluate("el => getComputedStyle(el).backgroundColor"));
        assertEquals("buttons[2].textColor/buttons[2].color", page.locator(FIRST + ".btn-2").getAttribute("data-hover-pair"));
    }
}
