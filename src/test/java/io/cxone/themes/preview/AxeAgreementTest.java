package io.cxone.themes.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * axe-core, an independent contrast checker, run on the rendered preview: its color-contrast rule must flag exactly the
 * text pairs our report fails under SC 1.4.3, and the page itself must have no serious or critical violation.
 */
@QuarkusTest
@WithChromium(bypassCsp = true) // the page's CSP rightly refuses injected script: bypassed for axe only
@WithTestResource(JwtTestKeys.class)
class AxeAgreementTest {
    @TestHTTPResource("/preview")
    URL preview;

    @Test
    void aPassingThemeHasNoContrastViolation(Page page) {
        for (Map<String, Object> theme : List.of(SampleThemes.enterpriseDarkModeJson(), PreviewThemes.harbor())) {
            Chromium.post(page, preview.toString(), theme, Roles.VIEWER);
            assertEquals(Set.of(), failingTextPairs(page), "our report passes " + theme.get("name"));
            Map<String, List<String>> axe = Axe.contrast(page);
            assertEquals(List.of(), axe.get("violations"), "axe agrees for " + theme.get("name"));
            assertDecided(axe);
        }
    }

    @Test
    void axeFlagsExactlyTheTextPairsOurReportFails(Page page) {
        Map<String, Object> theme = PreviewThemes.harbor();
        PreviewThemes.font(theme).put("color", "#777777"); // 4.48:1 on near-white: fails 4.5 by a hair
        theme.put("backgroundColor", "#FFFFFF");
        PreviewThemes.button(theme, 0).put("textColor", "#FFFFFF");
        PreviewThemes.button(theme, 0).put("color", "#00E676"); // the brief's own trap: light text on a light fill
        @SuppressWarnings("unchecked")
        Map<String, Object> header = (Map<String, Object>) theme.get("header");
        header.put("backgroundColor", "#FFD400");
        header.put("textColor", "#FFFFFF");
        Chromium.post(page, preview.toString(), theme, Roles.VIEWER);
        Chromium.screenshot(page, "preview-failing-contrast.png");

        Set<String> ours = failingTextPairs(page);
        assertEquals(Set.of("font.color/backgroundColor", "buttons[0].textColor/buttons[0].color",
                "header.textColor/header.backgroundColor"), ours);
        Map<String, List<String>> axe = Axe.contrast(page);
        assertEquals(ours, new TreeSet<>(axe.get("violations")), "axe flags the same pairs, and nothing unmapped");
        assertDecided(axe);
    }

    @Test
    void largeBoldTextNeedsOnly3To1ForBothCheckers(Page page) {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("backgroundColor", "#FFFFFF");
        PreviewThemes.font(theme).put("sizePx", 19); // 19 px bold is large text: 3:1 suffices
        PreviewThemes.font(theme).put("weight", 700);
        PreviewThemes.font(theme).put("color", "#888888"); // 3.54:1
        Chromium.post(page, preview.toString(), theme, Roles.VIEWER);
        assertEquals(Set.of(), failingTextPairs(page));
        assertEquals(List.of(), Axe.contrast(page).get("violations"));
    }

    @Test
    void thePageHasNoSeriousOrCriticalViolations(Page page) {
        Chromium.post(page, preview.toString(), PreviewThemes.harbor(), Roles.VIEWER);
        assertEquals(List.of(), Axe.seriousViolations(page));
        Map<String, Object> invalid = SampleThemes.enterpriseDarkModeJson();
        invalid.put("primaryColor", "green");
        Chromium.post(page, preview.toString(), invalid, Roles.VIEWER);
        assertTrue(page.locator("[data-testid=errors]").isVisible());
        assertEquals(List.of(), Axe.seriousViolations(page), "the error list is accessible too");
    }

    /**
     * Hover states: with every button forced into {@code :hover} (CDP {@code CSS.forcePseudoState}, as DevTools does),
     * axe flags exactly the text pairs our report fails for what is then on screen: a button's hover pair when it has
     * one, its rest pair otherwise, and the other text pairs as before.
     */
    @Test
    void axeAgreesOnTheHoverStates(Page page) {
        Map<String, Object> theme = PreviewThemes.harbor();
        // button 0: passes at rest, its hover label is light on light (fails); button 1: fails at rest, passes hovered
        PreviewThemes.button(theme, 0).put("hover", new LinkedHashMap<>(Map.of("color", "#FFD54F", "textColor", "#FFFFFF")));
        PreviewThemes.button(theme, 1).put("textColor", "#B0B7C0");
        PreviewThemes.button(theme, 1).put("hover", new LinkedHashMap<>(Map.of("color", "#0F172A", "textColor", "#F8FAFC")));
        Chromium.post(page, preview.toString(), theme, Roles.VIEWER);
        Set<String> report = failingTextPairs(page);
        assertEquals(Set.of("buttons[0].hover.textColor/buttons[0].hover.color", "buttons[1].textColor/buttons[1].color"),
                report, "our report");
        assertEquals(Set.of("buttons[1].textColor/buttons[1].color"), new TreeSet<>(Axe.contrast(page).get("violations")), "at rest");

        CDPSession cdp = page.context().newCDPSession(page);
        cdp.send("DOM.enable");
        cdp.send("CSS.enable");
        JsonObject query = new JsonObject();
        query.addProperty("nodeId", cdp.send("DOM.getDocument").getAsJsonObject("root").get("nodeId").getAsInt());
        query.addProperty("selector", ".btn");
        JsonArray buttons = cdp.send("DOM.querySelectorAll", query).getAsJsonArray("nodeIds");
        for (JsonElement node : buttons) {
            JsonObject force = new JsonObject();
            force.addProperty("nodeId", node.getAsInt());
            JsonArray states = new JsonArray();
            states.add("hover");
            force.add("forcedPseudoClasses", states);
            cdp.send("CSS.forcePseudoState", force);
        }
        assertEquals(PreviewThemes.rgb("#FFD54F"), page.locator("[data-stage=desktop-light] .btn-0")
                .evaluate("el => getComputedStyle(el).backgroundColor"), "the hover state is on screen");
        // what is on screen now is each button's hover pair (its rest pair when it has none)
        page.evaluate("() => document.querySelectorAll('.btn').forEach(b => b.dataset.pair = b.dataset.hoverPair)");
        Set<String> onScreen = new TreeSet<>();
        for (String pair : report) {
            boolean restOfAHoveredButton = page.locator("[data-pair='" + pair + "'].btn").count() == 0
                    && pair.startsWith("buttons[") && !pair.contains(".hover.")
                    && page.locator(".btn[data-hover-pair^='" + pair.substring(0, pair.indexOf(']') + 1) + ".hover']").count() > 0;
            if (!restOfAHoveredButton) {
                onScreen.add(pair);
            }
        }
        assertEquals(Set.of("buttons[0].hover.textColor/buttons[0].hover.color"), onScreen);
        Map<String, List<String>> axe = Axe.contrast(page);
        assertEquals(onScreen, new TreeSet<>(axe.get("violations")), "axe flags the same hover pairs, nothing unmapped");
        assertEquals(List.of(), axe.get("incomplete"));
        assertTrue(axe.get("passes").contains("buttons[1].hover.textColor/buttons[1].hover.color"), axe.get("passes").toString());
    }

    /** Agreement means something only if axe measured the widget's text: nothing it could not decide, every pair seen. */
    private static void assertDecided(Map<String, List<String>> axe) {
        assertEquals(List.of(), axe.get("incomplete"), "axe could not measure these");
        Set<String> measured = new TreeSet<>(axe.get("passes"));
        measured.addAll(axe.get("violations"));
        assertTrue(measured.contains("font.color/backgroundColor") && measured.contains("buttons[0].textColor/buttons[0].color"),
                measured.toString());
    }

    /** The pairs our own report, as rendered on the page, fails under SC 1.4.3 (what axe's color-contrast checks). */
    private static Set<String> failingTextPairs(Page page) {
        return new TreeSet<>(HostilePreviewTest.strings(page.locator(".badge[data-criterion='1.4.3'][data-status=fail]")
                .evaluateAll("bs => bs.map(b => b.dataset.pair)")));
    }
}
