package io.cxone.themes.preview;

import static io.cxone.themes.preview.PreviewRenderingTest.style;
import static io.cxone.themes.preview.PreviewThemes.rgb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import com.microsoft.playwright.Page;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@link PreviewService#compare} through {@code GET /preview/compare} over stored drafts, in a real browser. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class ComparePreviewTest {
    static final String HOSTILE_LABEL = "v2 <script>window.__pwned=1</script>";
    static Chromium chromium;
    BrowserContext context;
    Page page;

    @TestHTTPResource("/preview/compare")
    URL compare;

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
        context.setExtraHTTPHeaders(Map.of("Authorization", TestTokens.bearer(Roles.VIEWER)));
        page = context.newPage();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void bothThemesSideBySideEachInItsOwnColoursWithTheChangedFields() {
        Map<String, Object> left = SampleThemes.enterpriseDarkModeJson();
        left.put("name", "Published look");
        Map<String, Object> right = SampleThemes.enterpriseDarkModeJson();
        right.put("name", HOSTILE_LABEL);
        right.put("primaryColor", "#FFB300");
        PreviewThemes.button(right, 0).put("label", "Chat now");
        right.put("header", Map.of("backgroundColor", "#000000", "textColor", "#FFFFFF"));
        String leftId = StoredDrafts.create(left), rightId = StoredDrafts.create(right);
        assertEquals(200, page.navigate(compare + "?left=" + leftId + "@1&right=" + rightId).status());
        Chromium.screenshot(page, "compare.png");

        assertEquals(List.of("Published look · v1", HOSTILE_LABEL + " · v1"), page.locator("[data-testid=side] .side-label").allTextContents());
        assertNull(page.evaluate("() => window.__pwned"));
        assertEquals(List.of("name", "primaryColor", "buttons[0].label", "header"),
                page.locator("[data-testid=changes] tbody tr").evaluateAll("rs => rs.map(r => r.dataset.path)"));
        assertEquals(List.of("primaryColor", "#00E676", "#FFB300"),
                page.locator("[data-testid=changes] tr[data-path=primaryColor] > *").allTextContents());
        // two themes on one page: each widget's custom properties are scoped to its own side
        List<ElementHandle> widgets = page.querySelectorAll("[data-testid=widget]");
        assertEquals(4, widgets.size());
        for (int i = 0; i < 4; i++) {
            String primary = i < 2 ? "#00E676" : "#FFB300";
            assertEquals(rgb(primary), style(widgets.get(i), ".launcher", "backgroundColor"));
            assertEquals(rgb(i < 2 ? "#00E676" : "#000000"), style(widgets.get(i), ".chat-header", "backgroundColor"));
        }
        assertEquals(List.of("Start Chat", "Chat now"), page.locator("[data-stage=desktop-light] .btn-0 .btn-label").allTextContents());
        assertEquals(2, page.locator(".report").count());
    }

    @Test
    void identicalThemesSaySo() {
        String id = StoredDrafts.create(SampleThemes.enterpriseDarkModeJson());
        page.navigate(compare + "?left=" + id + "&right=" + id + "@1");
        assertTrue(page.locator("[data-testid=no-changes]").isVisible());
        assertEquals(List.of("Enterprise Dark Mode · v1", "Enterprise Dark Mode · v1"), page.locator("[data-testid=side] .side-label").allTextContents());
    }
}
