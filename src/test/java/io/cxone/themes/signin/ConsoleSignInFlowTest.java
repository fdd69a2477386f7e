package io.cxone.themes.signin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Cookie;

import com.sun.net.httpserver.HttpServer;

import io.cxone.themes.preview.Chromium;
import io.cxone.themes.preview.StoredDrafts;
import io.cxone.themes.preview.WithChromium;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.KeycloakResource;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The console's first minutes for a person signed in with the identity provider, through the console's own screens
 * (its editor, forms, tabs and Sign out control; never a fetch the page would not make): sign in on Keycloak's real
 * login page, create and publish a theme, find your name in the Audit view, be refused writes your group does not
 * grant, sign out. {@link ConsoleSignInTest} checks the same protocol underneath (PKCE, cookie flags, CSRF, logs).
 */
@QuarkusTest
@WithChromium
@WithTestResource(JwtTestKeys.class)
@WithTestResource(KeycloakResource.class)
class ConsoleSignInFlowTest {
    private static final String SUBJECT = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    @TestHTTPResource("/")
    URL root;

    @Test
    void aPersonCreatesAndPublishesAThemeFromTheConsoleAndIsNamedInTheAudit(Chromium chromium) {
        BrowserContext context = chromium.context(false);
        try {
            Page page = context.newPage();
            List<String> errors = new CopyOnWriteArrayList<>();
            page.onPageError(errors::add);
            signIn(page, "alice", "alice-pass");
            assertThat(page.locator("#status")).containsText("Signed in as Alice Admin (alice)");
            // signed in: no token to paste, a way out instead
            assertThat(page.locator("#auth")).isHidden();
            assertThat(page.locator("#sign-out")).isVisible();

            page.click("#new-theme");
            String name = "Signed-in " + UUID.randomUUID().toString().substring(0, 8);
            page.fill("#f-name", name);
            page.click("#save");
            assertThat(page.locator("#status")).hasText("Saved \"" + name + "\" as version 1.");
            // the Themes list loads for a session as for a pasted token (it once waited for a token that never came)
            view(page, "themes");
            assertThat(page.locator("#theme-table tbody tr", new Page.LocatorOptions().setHasText(name))).hasCount(1);

            // the Publications form offers the draft open in the editor; the widget is the simulator's
            view(page, "publications");
            String theme = page.inputValue("#p-theme");
            assertThat(page.locator("#p-version")).hasValue("1");
            String widget = "w-" + UUID.randomUUID().toString().substring(0, 8);
            page.fill("#p-widget", widget);
            page.click("#publish-form button[type=submit]");
            assertThat(page.locator("#status")).containsText("accepted (QUEUED)");
            assertThat(page.locator("#progress li").last()).containsText("publication: stream ended");
            List<String> states = page.locator("#progress li").allTextContents();
            assertTrue(states.get(states.size() - 2).endsWith("publication: ACTIVE"), states.toString());

            view(page, "audit");
            page.fill("#a-theme", theme);
            page.click("#audit-form button[type=submit]");
            Locator created = page.locator("#audit-table tbody tr[data-action='theme.created']");
            Locator requested = page.locator("#audit-table tbody tr[data-action='publication.requested']");
            assertThat(created).hasCount(1);
            assertThat(requested).hasCount(1);
            // the person's name next to the provider's subject, as the Audit view shows it
            for (Locator event : List.of(created, requested)) {
                String actor = event.locator("td[data-field='actor']").textContent();
                assertTrue(actor.matches("Alice Admin \\(alice\\) · " + SUBJECT), actor);
            }
            Chromium.screenshot(page, "console-signed-in-audit.png");
            assertEquals(List.of(), errors);
        } finally {
            context.close();
        }
    }

    @Test
    void aPersonWhoseGroupGrantsNoWritesSeesTheConsoleRefuseThem(Chromium chromium) {
        String theme = StoredDrafts.create(SampleThemes.enterpriseDarkModeJson());
        BrowserContext context = chromium.context(false);
        try {
            Page page = context.newPage();
            signIn(page, "victor", "victor-pass");
            assertThat(page.locator("#status")).hasText("Signed in as Victor Viewer (victor), roles theme-viewer.");

            page.click("#new-theme");
            String name = "Refused " + UUID.randomUUID().toString().substring(0, 8);
            page.fill("#f-name", name);
            page.click("#save");
            assertThat(page.locator("#status"))
                    .hasText("Your groups at the identity provider grant no role for this (403): /api/v1/themes");
            assertThat(page.locator("#status")).hasClass("status error");
            assertThat(page.locator("#editor-subtitle")).hasText("new, not saved yet");
            assertEquals(0, Db.count("SELECT count(*) FROM themes WHERE name = '" + name + "'"));

            view(page, "publications");
            String widget = "w-" + UUID.randomUUID().toString().substring(0, 8);
            page.fill("#p-widget", widget);
            page.fill("#p-theme", theme);
            page.fill("#p-version", "1");
            page.click("#publish-form button[type=submit]");
            assertThat(page.locator("#status"))
                    .hasText("Your groups at the identity provider grant no role for this (403): /api/v1/widgets/"
                            + widget + "/publications");
            assertEquals(0, Db.count("SELECT count(*) FROM publications WHERE widget_id = '" + widget + "'"));
        } finally {
            context.close();
        }
    }

    /**
     * A console page whose CSRF token is not its session's (the person signed in again in another tab, which gave the
     * session a new token): the save is refused and the status line passes on the service's "reload the console", not
     * a word about the person's groups, which grant the write.
     */
    @Test
    void aPageWithAnotherSessionsTokenIsToldToReload(Chromium chromium) {
        BrowserContext context = chromium.context(false);
        try {
            Page page = context.newPage();
            signIn(page, "alice", "alice-pass");
            page.evaluate("() => document.querySelector('meta[name=csrf-token]').content = 'a-token-of-another-session'");
            page.click("#new-theme");
            String name = "Stale " + UUID.randomUUID().toString().substring(0, 8);
            page.fill("#f-name", name);
            page.click("#save");
            assertThat(page.locator("#status")).containsText("X-CSRF-Token");
            assertThat(page.locator("#status")).containsText("reload the console and try again");
            assertThat(page.locator("#status")).hasClass("status error");
            assertEquals(0, Db.count("SELECT count(*) FROM themes WHERE name = '" + name + "'"));
        } finally {
            context.close();
        }
    }

    @Test
    void signingOutFromTheConsoleEndsTheSessionAndItsOldCookie(Chromium chromium) {
        BrowserContext context = chromium.context(false);
        try {
            Page page = context.newPage();
            signIn(page, "alice", "alice-pass");
            String csrf = page.locator("meta[name=csrf-token]").getAttribute("content");
            List<Cookie> kept = SignInPages.sessionCookies(context, root);
            assertTrue(!kept.isEmpty(), "a session cookie to keep");

            page.click("#sign-out");
            // RP-initiated logout ends the provider's session too: its real login page asks for the password again
            page.waitForURL(url -> url.contains("/realms/cxone/protocol/openid-connect/auth"));
            assertThat(page.locator("#kc-login")).isVisible();
            assertEquals(List.of(), SignInPages.sessionCookies(context, root), "the browser dropped the session cookie");

            // someone who kept a copy of the cookie puts it back and calls the API as the console would
            context.addCookies(kept);
            page.navigate(root + "signin-ended-probe"); // a page of the service's origin that does not sign in
            Waits.until("the signed-out session's cookie is refused",
                    () -> SignInPages.status(page, "/api/v1/themes?size=1", csrf) == 401);
        } finally {
            context.close();
        }
    }

    /**
     * Another origin's page that a signed-in person is lured to. A form is the only way such a page can send a POST
     * without asking the service first (CORS), and it cannot send JSON; a script's JSON POST needs the service's
     * consent, never given. From 127.0.0.1 (another site: SameSite=Strict keeps the cookie at home) and from another
     * port of the console's own host (same site, other origin: the browser sends the cookie, alone).
     */
    @Test
    void aPostFromAnotherOriginWithTheCookieAloneWritesNothing(Chromium chromium) throws IOException {
        String name = "Forged " + UUID.randomUUID().toString().substring(0, 8);
        String themes = root + "api/v1/themes";
        // a body-less command (no JSON needed, so a form reaches it); without the CSRF check: 404, no such rollout
        String command = root + "api/v1/rollouts/" + UUID.randomUUID() + "/pause";
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            String target = exchange.getRequestURI().getPath().equals("/command") ? command : themes;
            byte[] page = ("<!doctype html><html><head><title>Win a prize</title></head><body>"
                    + "<form method=\"post\" enctype=\"text/plain\" action=\"" + target + "\">"
                    + "<input type=\"hidden\" name='{\"name\":\"" + name + "\",\"x\":\"' value='\"}'>"
                    + "<button id=\"go\">Claim</button></form></body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        BrowserContext context = chromium.context(false);
        try {
            Page page = context.newPage();
            signIn(page, "alice", "alice-pass");
            long drafts = Db.count("SELECT count(*) FROM themes");
            long events = Db.count("SELECT count(*) FROM audit_events");
            assertEquals("localhost", root.getHost(), "the console's site, which 127.0.0.1 is not");
            int port = other.getAddress().getPort();

            Response crossSite = submitForm(page, "http://127.0.0.1:" + port + "/", themes);
            assertTrue(!cookieSent(crossSite), "SameSite=Strict: another site's form carries no session cookie");
            assertEquals(415, crossSite.status(), "a form cannot send JSON");
            page.navigate("http://127.0.0.1:" + port + "/"); // the form's answer replaced the page
            String fetched = (String) page.evaluate("([url, name]) => fetch(url, {method: 'POST', "
                    + "credentials: 'include', headers: {'Content-Type': 'application/json'}, "
                    + "body: JSON.stringify({name})})"
                    + ".then(r => 'answered ' + r.status, e => 'blocked: ' + e.message)", List.of(themes, name));
            assertTrue(fetched.startsWith("blocked"), "a JSON POST needs the service's consent (CORS): " + fetched);

            Response sameSite = submitForm(page, "http://localhost:" + port + "/", themes);
            assertTrue(cookieSent(sameSite), "same site, other origin: the browser sends the cookie");
            assertEquals(415, sameSite.status(), "a form cannot send JSON");
            Response commanded = submitForm(page, "http://localhost:" + port + "/command", command);
            assertTrue(cookieSent(commanded), "same site, other origin: the browser sends the cookie");
            assertEquals(403, commanded.status(), "the cookie without the console page's X-CSRF-Token");
            assertTrue(commanded.text().contains("X-CSRF-Token"), commanded.text());

            assertEquals(0, Db.count("SELECT count(*) FROM themes WHERE name = '" + name + "'"));
            assertEquals(drafts, Db.count("SELECT count(*) FROM themes"));
            assertEquals(events, Db.count("SELECT count(*) FROM audit_events"));
        } finally {
            context.close();
            other.stop(0);
        }
    }

    /** Opens the page at {@code url}, presses its button as the lured person would, and answers the POST's response. */
    private static Response submitForm(Page page, String url, String target) {
        page.navigate(url);
        return page.waitForResponse(r -> r.url().equals(target) && r.request().method().equals("POST"),
                () -> page.click("#go"));
    }

    private static boolean cookieSent(Response response) {
        return String.valueOf(response.request().allHeaders().get("cookie")).contains("q_session");
    }

    /** Opens the console, is sent to Keycloak's login page, signs in there and waits to be back on the console. */
    private void signIn(Page page, String user, String password) {
        SignInPages.signIn(page, root, user, password);
        assertThat(page.locator("#status")).containsText("Signed in as");
    }

    private static void view(Page page, String name) {
        page.click("nav [data-view=" + name + "]");
        assertThat(page.locator("[data-view-panel=" + name + "]")).isVisible();
    }
}
