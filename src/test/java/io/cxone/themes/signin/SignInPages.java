package io.cxone.themes.signin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;

import io.cxone.themes.support.KeycloakServer;

/**
 * What every sign-in test does in the browser, in one place: sign in on Keycloak's real login page, read the session
 * cookie, call /api as the console page would.
 */
final class SignInPages {
    private SignInPages() {
    }

    /** Opens the console, is sent to Keycloak's login page, signs in there and waits to be back on the console. */
    static void signIn(Page page, URL root, String user, String password) {
        page.navigate(root.toString());
        signInOnTheLoginPage(page, root, user, password);
    }

    /**
     * Waits for Keycloak's login page, signs in there and waits to be back on the console, served for the session
     * (the page names the person) and showing its status line.
     */
    static void signInOnTheLoginPage(Page page, URL root, String user, String password) {
        page.waitForURL(url -> url.contains("/realms/" + KeycloakServer.REALM + "/protocol/openid-connect/auth"));
        page.fill("#username", user);
        page.fill("#password", password);
        page.click("#kc-login");
        page.waitForURL(url -> url.equals(root.toString()));
        assertThat(page.locator("meta[name=signed-in-as]")).hasAttribute("content", Pattern.compile(".+"));
        assertThat(page.locator("#status")).isVisible();
    }

    /** The session cookie's parts: Quarkus splits one larger than a browser takes into q_session_chunk_1, _2, ... */
    static List<Cookie> sessionCookies(BrowserContext context, URL root) {
        return context.cookies(root.toString()).stream().filter(c -> c.name.startsWith("q_session")).toList();
    }

    /** The status of a same-origin GET from the page (the session cookie goes along), with the CSRF header if given. */
    static int status(Page page, String path, String csrf) {
        return ((Number) page.evaluate("async ([path, csrf]) => (await fetch(path, csrf ? {headers: {'X-CSRF-Token': "
                + "csrf}} : {})).status", List.of(path, csrf == null ? "" : csrf))).intValue();
    }
}
