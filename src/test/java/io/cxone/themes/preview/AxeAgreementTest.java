package io.cxone.themes.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
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
@WithTestResource(JwtTestKeys.class)
class AxeAgreementTest {
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
        // the page's CSP rightly refuses injected script: bypassed in this context only, for axe
        context = chromium.context(true);
        page = context.newPage();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void aPassingThemeHasNoContrastViolation() {
        for (Map<String, Object> theme : List.of(SampleThemes.enterpriseDarkModeJson(), PreviewThemes.harbor())) {
            Chromium.post(page, preview.toString(), theme, Roles.VIEWER);
            assertEquals(Set.of(), failingTextPairs(), "our report passes " + theme.get("name"));
            Map<String, List<String>> axe = Axe.contrast(page);
            assertEquals(List.of(), axe.get("violations"), "axe agrees for " + theme.get("name"));
            assertDecided(axe);
        }
    }

    @Test
    void axeFlagsExactlyTheTextPairsOurReportFails() {
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

        Set<String> ours = failingTextPairs();
        assertEquals(Set.of("font.color/backgroundColor", "buttons[0].textColor/buttons[0].color",
                "header.textColor/header.backgroundColor"), ours);
        Map<String, List<String>> axe = Axe.contrast(page);
        assertEquals(ours, new TreeSet<>(axe.get("violations")), "axe flags the same pairs, and nothing unmapped");
        assertDecided(axe);
    }

    @Test
    void largeBoldTextNeedsOnly3To1ForBothCheckers() {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("backgroundColor", "#FFFFFF");
        PreviewThemes.font(theme).put("sizePx", 19); // 19 px bold is large text: 3:1 suffices
        PreviewThemes.font(theme).put("weight", 700);
        PreviewThemes.font(theme).put("color", "#888888"); // 3.54:1
        Chromium.post(page, preview.toString(), theme, Roles.VIEWER);
        assertEquals(Set.of(), failingTextPairs());
        assertEquals(List.of(), Axe.contrast(page).get("violations"));
    }

    @Test
    void thePageHasNoSeriousOrCriticalViolations() {
        Chromium.post(page, preview.toString(), PreviewThemes.harbor(), Roles.VIEWER);
        assertEquals(List.of(), Axe.seriousViolations(page));
        Map<String, Object> invalid = SampleThemes.enterpriseDarkModeJson();
        invalid.put("primaryColor", "green");
        Chromium.post(page, preview.toString(), invalid, Roles.VIEWER);
        assertTrue(page.locator("[data-testid=errors]").isVisible());
        assertEquals(List.of(), Axe.seriousViolations(page), "the error list is accessible too");
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
    private Set<String> failingTextPairs() {
        return new TreeSet<>(HostilePreviewTest.strings(page.locator(".badge[data-criterion='1.4.3'][data-status=fail]")
                .evaluateAll("bs => bs.map(b => b.dataset.pair)")));
    }
}
