package io.cxone.themes.signin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;

import io.cxone.themes.preview.Chromium;
import io.cxone.themes.preview.WithChromium;
import io.cxone.themes.support.JwtTestKeys;
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
    @TestHTTPResource("/")
    URL root;

    @Test
    void signsInWithPkceAndCallsTheApiWithTheSession(Chromium chromium) {
        BrowserContext context = chromium.context(false);
        try {
            Page page = context.newPage();
            List<String> requests = new CopyOnWriteArrayList<>();
            page.onRequest(request -> requests.add(request.url()));

            signIn(page, "alice", "alice-pass");

            String authorize = requests.stream().filter(url -> url.contains("/protocol/openid-connect/auth")).findFirst()
                    .orElseThrow();
            assertTrue(authorize.contains("code_challenge_method=S256") && authorize.contains("code_challenge="), authorize);
            // Quarkus splits a session cookie larger than a browser takes into q_session_chunk_1, _2, ...
            List<Cookie> session = context.cookies(root.toString()).stream().filter(c -> c.name.startsWith("q_session"))
                    .toList();
            assertTrue(!session.isEmpty(), "a session cookie: " + context.cookies().stream().map(c -> c.name).toList());
            for (Cookie part : session) {
                assertTrue(part.httpOnly, part.name + " HttpOnly");
                assertTrue(part.secure, part.name + " Secure");
                assertEquals(SameSiteAttribute.STRICT, part.sameSite, part.name);
            }

            assertEquals(200, status(page, "/api/v1/audit?limit=1"), "alice's group maps to auditor");
        } finally {
            context.close();
        }
    }

    /** Opens the console, is sent to Keycloak's login page, signs in there and waits to be back on the console. */
    private void signIn(Page page, String user, String password) {
        page.navigate(root.toString());
        page.waitForURL(url -> url.contains("/realms/cxone/protocol/openid-connect/auth"));
        page.fill("#username", user);
        page.fill("#password", password);
        page.click("#kc-login");
        page.waitForURL(url -> url.equals(root.toString()));
        assertThat(page.locator("#status")).isVisible();
    }

    private static int status(Page page, String path) {
        return ((Number) page.evaluate("async path => (await fetch(path)).status", path)).intValue();
    }
}
