package io.cxone.themes.signin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;

import io.cxone.themes.preview.Chromium;
import io.cxone.themes.preview.WithChromium;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.LogCapture;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.Waits;
import io.cxone.themes.support.KeycloakResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A person signs in to the console on Keycloak's real login page (authorization code flow with PKCE) and the console's
 * calls to /api then run as that person, with the roles APP_ROLE_MAP gives their group.
 */
@QuarkusTest
@WithChromium
@WithTestResource(JwtTestKeys.class)
@WithTestResource(KeycloakResource.class)
class ConsoleSignInTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TestHTTPResource("/")
    URL root;

    @Test
    void signsInWithPkceAndCallsTheApiWithTheSession(Chromium chromium) {
        BrowserContext context = chromium.context(false);
        try (LogCapture log = LogCapture.start()) {
            Page page = context.newPage();
            List<String> requests = new CopyOnWriteArrayList<>();
            page.onRequest(request -> requests.add(request.url()));

            SignInPages.signIn(page, root, "alice", "alice-pass");

            String authorize = requests.stream().filter(url -> url.contains("/protocol/openid-connect/auth")).findFirst()
                    .orElseThrow();
            assertTrue(authorize.contains("code_challenge_method=S256") && authorize.contains("code_challenge="), authorize);
            List<Cookie> session = SignInPages.sessionCookies(context, root);
            assertTrue(!session.isEmpty(), "a session cookie: " + context.cookies().stream().map(c -> c.name).toList());
            for (Cookie part : session) {
                assertTrue(part.httpOnly, part.name + " HttpOnly");
                assertTrue(part.secure, part.name + " Secure");
                assertEquals(SameSiteAttribute.STRICT, part.sameSite, part.name);
            }

            String csrf = page.locator("meta[name=csrf-token]").getAttribute("content");
            assertTrue(csrf != null && csrf.length() >= 40, "the page carries the session's token");
            assertEquals(200, SignInPages.status(page, "/api/v1/audit?limit=1", csrf), "alice's group maps to auditor");
            // the cookie alone (what another site's form or fetch would send), or another token: refused
            assertEquals(403, SignInPages.status(page, "/api/v1/audit?limit=1", null));
            assertEquals(403, SignInPages.status(page, "/api/v1/audit?limit=1", csrf.substring(1) + "A"));

            // no authorization code, session cookie or CSRF token in any log line of the service
            String callback = requests.stream().filter(url -> url.contains("/signin?") && url.contains("code="))
                    .findFirst().orElseThrow();
            String code = callback.replaceAll(".*[?&]code=([^&]+).*", "$1");
            List<String> secrets = new java.util.ArrayList<>(List.of(code, csrf));
            session.forEach(part -> secrets.add(part.value.substring(0, Math.min(40, part.value.length()))));
            for (String line : log.formatted()) {
                for (String secret : secrets) {
                    assertTrue(!line.contains(secret), "a secret in the log: " + line.substring(0, Math.min(120, line.length())));
                }
            }
        } finally {
            context.close();
        }
    }

    @Test
    void writesRunAsThePersonAndOnlyWithTheRolesTheirGroupMapsTo(Chromium chromium) throws Exception {
        // a name of its own: other classes sign alice in and write too, so every count below is of this theme's events
        String name = "Signed-in " + java.util.UUID.randomUUID().toString().substring(0, 8);
        java.util.Map<String, Object> json = SampleThemes.enterpriseDarkModeJson();
        json.put("name", name);
        String theme = JSON.writeValueAsString(json);
        String ofThisTheme = "action = 'theme.created' AND theme_id = (SELECT id::text FROM themes WHERE name = '"
                + name + "')";
        BrowserContext viewer = chromium.context(false);
        try {
            Page page = viewer.newPage();
            SignInPages.signIn(page, root, "victor", "victor-pass");
            String csrf = page.locator("meta[name=csrf-token]").getAttribute("content");
            assertEquals(403, post(page, "/api/v1/themes", theme, csrf), "cx-viewers maps to theme-viewer only");
            assertEquals(403, SignInPages.status(page, "/api/v1/audit?limit=1", csrf), "and not to auditor");
        } finally {
            viewer.close();
        }
        BrowserContext admin = chromium.context(false);
        try {
            Page page = admin.newPage();
            SignInPages.signIn(page, root, "alice", "alice-pass");
            String csrf = page.locator("meta[name=csrf-token]").getAttribute("content");
            assertThat(page.locator("#status")).containsText(
                    "Signed in as Alice Admin (alice), roles auditor, theme-editor, theme-publisher, theme-viewer");
            assertEquals(201, post(page, "/api/v1/themes", theme, csrf));
            // the actor is Keycloak's subject for alice (a UUID), not a name anyone could choose
            assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE actor ~ '^[0-9a-f]{8}-[0-9a-f-]{27}$' AND "
                    + ofThisTheme));
            // and the event names the person next to it, as the provider gives name and username
            assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE actor ~ '^[0-9a-f]{8}-[0-9a-f-]{27}$' "
                    + "AND details->>'actorName' = 'Alice Admin (alice)' AND " + ofThisTheme));
        } finally {
            admin.close();
        }
    }

    @Test
    void signingOutEndsTheSessionForACopyOfItsCookieToo(Chromium chromium) {
        BrowserContext context = chromium.context(false);
        try {
            Page page = context.newPage();
            SignInPages.signIn(page, root, "alice", "alice-pass");
            String csrf = page.locator("meta[name=csrf-token]").getAttribute("content");
            assertEquals(200, SignInPages.status(page, "/api/v1/audit?limit=1", csrf));
            List<Cookie> before = SignInPages.sessionCookies(context, root);

            page.navigate(root + "logout");
            page.waitForURL(url -> url.contains("/realms/cxone/protocol/openid-connect/auth"));
            // the browser dropped the cookie; someone who kept a copy of it puts it back
            context.addCookies(before);
            page.navigate(root + "signin-ended-probe");
            Waits.until("the signed-out session's cookie is refused",
                    () -> SignInPages.status(page, "/api/v1/audit?limit=1", csrf) == 401);
        } finally {
            context.close();
        }
    }

    private static int post(Page page, String path, String json, String csrf) {
        return ((Number) page.evaluate("async ([path, json, csrf]) => (await fetch(path, {method: 'POST', body: json, "
                + "headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf}})).status",
                List.of(path, json, csrf))).intValue();
    }
}
