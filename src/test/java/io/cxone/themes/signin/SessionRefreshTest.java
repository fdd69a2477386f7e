package io.cxone.themes.signin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.cxone.themes.preview.Chromium;
import io.cxone.themes.preview.WithChromium;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.KeycloakResource;
import io.cxone.themes.support.KeycloakServer;
import io.cxone.themes.support.Waits;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Expired console sessions (issue 24): the console signs in with the realm's second client, whose ID and access tokens
 * live 10 s while the provider's session lives on, so a test sees a session expire without waiting minutes.
 */
@QuarkusTest
@WithChromium
@WithTestResource(JwtTestKeys.class)
@WithTestResource(SessionRefreshTest.ShortTokens.class)
class SessionRefreshTest {
    /** The realm's client whose tokens live 10 s ("access.token.lifespan"; Keycloak's ID token follows it). */
    static final String SHORT_CLIENT = "cxone-theme-console-short";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL root;

    /** The one Keycloak of the JVM, with the console signing in through the short-lived client. */
    public static class ShortTokens extends KeycloakResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            config.put("app.oidc.client-id", SHORT_CLIENT);
            return config;
        }
    }

    @Test
    void anExpiredIdTokenIsRefreshedAndTheCallSucceeds(Chromium chromium) {
        BrowserContext context = chromium.context(false);
        try {
            Page page = context.newPage();
            signIn(page, "alice", "alice-pass");
            String csrf = page.locator("meta[name=csrf-token]").getAttribute("content");
            Map<String, String> before = sessionCookies(context);
            long expires = idTokenClaims(before).get("exp").asLong();

            // the clock, not a pause: once it is past the ID token's exp, the session can only go on by refreshing
            Waits.until("the session's ID token has expired (exp " + expires + ")",
                    () -> System.currentTimeMillis() / 1000 > expires);
            assertEquals(200, status(page, "/api/v1/audit?limit=1", csrf), "the call runs on the refreshed session");

            Map<String, String> after = sessionCookies(context);
            assertNotEquals(before, after, "the refreshed tokens are in a new session cookie");
            JsonNode refreshed = idTokenClaims(after);
            assertTrue(refreshed.get("exp").asLong() > expires, "a new ID token: " + refreshed.get("exp"));
            assertEquals(idTokenClaims(before).get("sid"), refreshed.get("sid"), "the same provider session");
        } finally {
            context.close();
        }
    }

    /** Opens the console, is sent to Keycloak's login page, signs in there and waits to be back on the console. */
    void signIn(Page page, String user, String password) {
        page.navigate(root.toString());
        page.waitForURL(url -> url.contains("/realms/cxone/protocol/openid-connect/auth"));
        page.fill("#username", user);
        page.fill("#password", password);
        page.click("#kc-login");
        page.waitForURL(url -> url.equals(root.toString()));
        assertThat(page.locator("meta[name=signed-in-as]")).hasAttribute("content", java.util.regex.Pattern.compile(".+"));
    }

    /** The session cookie's parts by name (Quarkus splits a large one into q_session_chunk_1, _2, ...). */
    Map<String, String> sessionCookies(BrowserContext context) {
        return context.cookies(root.toString()).stream().filter(c -> c.name.startsWith("q_session"))
                .collect(Collectors.toMap(c -> c.name, c -> c.value));
    }

    /**
     * The claims of the ID token inside the session cookie, read the way Quarkus OIDC reads it: the parts joined in
     * chunk order, decrypted with the key it derives from the client secret (SHA-256), the ID token first of the
     * '|'-separated tokens.
     */
    static JsonNode idTokenClaims(Map<String, String> cookies) {
        try {
            String joined = cookies.containsKey("q_session") ? cookies.get("q_session")
                    : cookies.entrySet().stream()
                            .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> Integer
                                    .parseInt(e.getKey().substring(e.getKey().lastIndexOf('_') + 1))))
                            .map(Map.Entry::getValue).collect(Collectors.joining());
            String tokens = OidcUtils.decryptString(joined,
                    OidcUtils.createSecretKeyFromDigest(KeycloakServer.CLIENT_SECRET));
            String idToken = tokens.substring(0, tokens.indexOf('|'));
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]),
                    StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("cannot read the session cookie " + cookies.keySet() + ": " + e, e);
        }
    }

    /** The status of a same-origin GET from the page (the session cookie goes along), with the CSRF header. */
    static int status(Page page, String path, String csrf) {
        return ((Number) page.evaluate("async ([path, csrf]) => (await fetch(path, {headers: {'X-CSRF-Token': csrf}})).status",
                List.of(path, csrf))).intValue();
    }
}
