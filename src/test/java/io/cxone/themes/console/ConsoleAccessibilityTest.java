package io.cxone.themes.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cxone.themes.preview.Axe;
import io.cxone.themes.preview.Chromium;
import io.cxone.themes.preview.StoredDrafts;
import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** axe-core over every console view, and the keyboard alone reaching the token field, the tabs and the editor. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class ConsoleAccessibilityTest {
    static Chromium chromium;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void close() {
        chromium.close();
    }

    @Test
    void noSeriousOrCriticalViolationsInAnyView() {
        StoredDrafts.create(SampleThemes.enterpriseDarkModeJson());
        // bypassCSP only so that the test may inject axe; the console itself needs no relaxation
        try (ConsoleSession s = new ConsoleSession(chromium, true)) {
            s.open(root);
            assertEquals(List.of(), Axe.seriousViolations(s.page), "signed out");
            s.signIn(Roles.EDITOR, Roles.VIEWER, Roles.AUDITOR);
            assertThat(s.page.locator("#theme-table tbody tr").first()).isVisible();
            assertEquals(List.of(), Axe.seriousViolations(s.page), "themes list");
            s.page.locator("#theme-table td.name button").first().click();
            assertThat(s.page.locator("#badges .badge").first()).isVisible();
            assertEquals(List.of(), Axe.seriousViolations(s.page), "editor");
            s.view("publications");
            assertEquals(List.of(), Axe.seriousViolations(s.page), "publications");
            s.view("audit");
            assertThat(s.page.locator("#audit-table tbody tr").first()).isVisible();
            assertEquals(List.of(), Axe.seriousViolations(s.page), "audit");
            Chromium.screenshot(s.page, "console-audit-axe.png");
        }
    }

    @Test
    void keyboardOnlyWithAVisibleFocusRing() {
        try (ConsoleSession s = new ConsoleSession(chromium, false)) {
            s.open(root);
            s.page.keyboard().press("Tab"); // skip link
            s.page.keyboard().press("Tab");
            assertEquals("token", s.page.evaluate("() => document.activeElement.id"));
            Object outline = s.page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle");
            assertEquals("solid", outline);
            s.page.keyboard().type(io.cxone.themes.support.TestTokens.token("tester", Roles.VIEWER));
            s.page.keyboard().press("Enter");
            s.page.focus("nav [data-view=editor]");
            s.page.keyboard().press("Enter");
            assertThat(s.page.locator("[data-view-panel=editor]")).isVisible();
            assertThat(s.page.locator("#badges .badge").first()).isVisible();
            @SuppressWarnings("unchecked")
            Map<String, Object> unlabeled = (Map<String, Object>) s.page.evaluate("""
                    () => ({ count: [...document.querySelectorAll('input, select')]
                      .filter(i => !i.labels?.length && !i.getAttribute('aria-label')).map(i => i.id || i.type) })""");
            assertEquals(List.of(), unlabeled.get("count"), "every input has a label");
            assertTrue(s.errors.isEmpty(), s.errors.toString());
        }
    }
}
