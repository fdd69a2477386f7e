package io.cxone.themes.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Response;

import io.cxone.themes.preview.Chromium;
import io.cxone.themes.preview.StoredDrafts;
import io.cxone.themes.preview.WithChromium;
import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The console at {@code /} in a real browser: editing with live contrast badges, saving, history, audit, safety. */
@QuarkusTest
@WithChromium
@WithTestResource(JwtTestKeys.class)
class ConsoleTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void loadsFromThisServerOnlyUnderTheStrictPolicy(Chromium chromium) {
        try (ConsoleSession s = new ConsoleSession(chromium, false)) {
            Response response = s.open(root);
            assertEquals(200, response.status());
            assertTrue(response.headers().get("content-security-policy").startsWith("default-src 'none'; style-src 'self'"),
                    response.headers().get("content-security-policy"));
            s.signIn(Roles.VIEWER);
            s.view("editor");
            assertThat(s.badge("font.color/backgroundColor", "1.4.3")).hasAttribute("data-status", "pass");
            // the live widget in the sample's colours, all set as custom properties from script
            assertThat(s.page.locator("#widget")).hasCSS("background-color", "rgb(26, 26, 26)");
            assertThat(s.page.locator("#widget .w-launcher")).hasCSS("background-color", "rgb(0, 230, 118)");
            assertThat(s.page.locator("#w-buttons .w-btn").first()).hasCSS("background-color", "rgb(0, 230, 118)");
            assertThat(s.page.locator("#w-buttons .w-btn").nth(1)).hasCSS("color", "rgb(224, 224, 224)");
            // the stylesheet applied (no inline style was needed) and every request stayed on this server
            assertEquals("rgb(244, 246, 248)", s.page.evaluate("() => getComputedStyle(document.querySelector('.top')).backgroundColor"));
            assertEquals(List.of("localhost"), s.hosts());
            assertEquals(List.of(), s.errors);
            assertTrue(s.requests.stream().noneMatch(url -> url.contains("token=") || url.contains("eyJ")), "no token in URLs");
        }
    }

    @Test
    void aMissingTokenMessageGivesWayOnceATokenIsAccepted(Chromium chromium) {
        try (ConsoleSession s = new ConsoleSession(chromium, false)) {
            s.open(root);
            Locator status = s.page.locator("#status");
            s.page.click("#auth button[type=submit]");
            assertThat(status).hasText("Paste a token first.");
            assertThat(status).hasClass(Pattern.compile("\\berror\\b"));

            s.signIn(Roles.VIEWER);
            assertThat(status).containsText("Token set (subject tester, roles " + Roles.VIEWER + ")");
            assertThat(status).not().hasClass(Pattern.compile("\\berror\\b"));

            // pressed again with the field cleared (a double click): the kept token is still used, nothing is missing
            s.page.click("#auth button[type=submit]");
            assertThat(status).containsText("Still using the token kept in this tab");
            assertThat(status).not().containsText("Paste a token first.");

            // once forgotten, a token really is missing, and typing one clears the request for it
            s.page.click("#forget");
            s.page.click("#auth button[type=submit]");
            assertThat(status).hasText("Paste a token first.");
            s.page.fill("#token", "eyJ");
            assertThat(status).not().containsText("Paste a token first.");
            assertEquals(List.of(), s.errors);
        }
    }

    @Test
    void createFailFixSaveAndSeeTheHistoryDiffAndAudit(Chromium chromium) {
        try (ConsoleSession s = new ConsoleSession(chromium, false)) {
            s.open(root);
            s.signIn(Roles.EDITOR, Roles.VIEWER, Roles.AUDITOR);
            s.page.click("#new-theme");
            String name = "Console " + UUID.randomUUID().toString().substring(0, 8);
            s.page.fill("#f-name", name);
            Locator text = s.badge("font.color/backgroundColor", "1.4.3");
            assertThat(text).hasAttribute("data-status", "pass");
            s.page.click("#save");
            assertThat(s.page.locator("#status")).containsText("as version 1");

            s.page.fill("#c-font-color", "#333333");
            assertThat(text).hasAttribute("data-status", "fail");
            assertThat(text.locator(".suggestion")).containsText("font.color");
            assertThat(s.page.locator("#report-summary")).hasAttribute("data-valid", "false");
            assertThat(s.page.locator("#widget")).hasCSS("color", "rgb(51, 51, 51)");
            text.locator("button.apply").click();
            assertThat(text).hasAttribute("data-status", "pass");
            assertThat(s.page.locator("#report-summary")).hasAttribute("data-valid", "true");
            String applied = s.page.inputValue("#c-font-color");
            assertTrue(applied.matches("#[0-9A-F]{6}") && !applied.equals("#333333"), applied);
            Chromium.screenshot(s.page, "console-editor.png");

            s.page.click("#save");
            assertThat(s.page.locator("#status")).containsText("as version 2");
            assertThat(s.page.locator("#version-table tr[data-version='2']")).isVisible();
            s.page.click("#version-table tr[data-version='2'] button");
            assertThat(s.page.locator("#diff-title")).hasText("Changes from v1 to v2");
            assertEquals(List.of("font.color", "#FFFFFF", applied, "changed"),
                    s.page.locator("#diff-table tr[data-path='font.color'] td").allTextContents());

            String id = (String) s.page.evaluate("() => import('/editor.js').then(m => m.currentDraft().id)");
            s.view("audit");
            s.page.fill("#a-theme", id);
            s.page.click("#audit-form button[type=submit]");
            assertThat(s.page.locator("#audit-table tbody tr")).hasCount(2);
            assertEquals(List.of("theme.updated", "theme.created"),
                    s.page.locator("#audit-table tbody tr").evaluateAll("rs => rs.map(r => r.dataset.action)"));
            s.page.click("#verify");
            assertThat(s.page.locator("#verify-result")).hasAttribute("data-valid", "true");
            assertThat(s.page.locator("#verify-result")).containsText("Chain valid");
            Chromium.screenshot(s.page, "console-audit.png");
            assertEquals(List.of(), s.errors);
        }
    }

    @Test
    void hostileNamesStayText(Chromium chromium) {
        String hostile = "<img src=x onerror=window.__pwned=1>";
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("name", hostile);
        String id = StoredDrafts.create(theme);
        try (ConsoleSession s = new ConsoleSession(chromium, false)) {
            s.open(root);
            s.signIn(Roles.VIEWER);
            Locator row = s.page.locator("#theme-table tr[data-id='" + id + "']");
            assertThat(row.locator("td.name")).hasText(hostile);
            assertEquals(0, s.page.locator("#theme-table img").count());
            assertThat(row.locator("td[data-valid]")).hasAttribute("data-valid", "true");
            row.locator("td.name button").click();
            assertThat(s.page.locator("#f-name")).hasValue(hostile);
            assertThat(s.page.locator("#w-title")).hasText(hostile);
            assertThat(s.page.locator("#editor-subtitle")).containsText(hostile);
            assertEquals(0, s.page.locator("main img").count());
            assertNull(s.page.evaluate("() => window.__pwned"));
        }
    }

    @Test
    void aConcurrentChangeIsReportedWithAReloadAndMissingRolesAreExplained(Chromium chromium) {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("name", "Contested " + UUID.randomUUID().toString().substring(0, 8));
        String id = StoredDrafts.create(theme);
        try (ConsoleSession s = new ConsoleSession(chromium, false)) {
            s.open(root);
            s.signIn(Roles.EDITOR, Roles.VIEWER);
            s.page.click("#theme-table tr[data-id='" + id + "'] td.name button");
            assertThat(s.page.locator("#editor-subtitle")).containsText("version 1");
            theme.put("maxWidthPx", 400);
            StoredDrafts.update(id, theme).then().statusCode(200);
            s.page.fill("#f-radius", "4");
            s.page.click("#save");
            assertThat(s.page.locator("#status")).containsText("someone else changed this theme");
            s.page.click("#reload-theme");
            assertThat(s.page.locator("#editor-subtitle")).containsText("version 2");
            assertThat(s.page.locator("#f-width")).hasValue("400");

            s.signIn(Roles.AUDITOR);
            s.view("themes");
            assertThat(s.page.locator("#status")).containsText("403");
            s.page.fill("#token", "not-a-token");
            s.page.click("#auth button[type=submit]");
            s.page.click("#reload-themes");
            assertThat(s.page.locator("#status")).containsText("401");
        }
    }
}
