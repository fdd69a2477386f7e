package io.cxone.themes.signin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Expired console sessions: the console signs in with the realm's second client, whose ID and access tokens
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
            SignInPages.signIn(page, root, "alice", "alice-pass");
            String csrf = page.locator("meta[name=csrf-token]").getAttribute("content");
            Map<String, String> before = sessionCookies(context);
            long expires = idTokenClaims(before).get("exp").asLong();

            // the clock, not a pause: once it is past the ID token's exp, the session can only go on by refreshing
            Waits.until("the session's ID token has expired (exp " + expires + ")",
                    () -> System.currentTimeMillis() / 1000 > expires);
            assertEquals(200, SignInPages.status(page, "/api/v1/audit?limit=1", csrf), "the call runs on the refreshed session");

            Map<String, String> after = sessionCookies(context);
            assertNotEquals(before, after, "the refreshed tokens are in a new session cookie");
            JsonNode refreshed = idTokenClaims(after);
            assertTrue(refreshed.get("exp").asLong() > expires, "a new ID token: " + refreshed.get("exp"));
            assertEquals(idTokenClaims(before).get("sid"), refreshed.get("sid"), "the same provider session");
        } finally {
            context.close();
        }
    }

    @Test
    void aSessionThatCannotBeRefreshedKeepsTheDraftThroughANewSignIn(Chromium chromium) throws Exception {
        BrowserContext context = chromium.context(false);
        try {
            Page page = context.newPage();
            SignInPages.signIn(page, root, "alice", "alice-pass");
            page.click("nav [data-view=editor]");
            assertThat(page.locator("#editor-subtitle")).hasText("new, not saved yet");
            page.fill("#f-name", "Draft before expiry");
            page.click("#save");
            assertThat(page.locator("#status")).hasText("Saved \"Draft before expiry\" as version 1.");

            // an unsaved change, validated while the session still lives (no call is pending when it ends)
            page.waitForResponse(r -> r.url().endsWith("/api/v1/themes/validate"),
                    () -> page.fill("#f-name", "Kept across sign-in"));
            endSessionsAtTheProvider("alice");
            long expires = idTokenClaims(sessionCookies(context)).get("exp").asLong();
            Waits.until("the session's ID token has expired (exp " + expires + ")",
                    () -> System.currentTimeMillis() / 1000 > expires);

            page.click("#save"); // the refresh is refused: the console keeps the draft and goes to sign in
            SignInPages.signInOnTheLoginPage(page, root, "alice", "alice-pass");

            assertThat(page.locator("#status")).containsText(
                    "Restored your unsaved changes to \"Kept across sign-in\" from before you signed in again");
            assertThat(page.locator("#view-editor")).isVisible();
            assertThat(page.locator("#f-name")).hasValue("Kept across sign-in");
            List<String> kept = keptDrafts(page);
            assertEquals(1, kept.size(), "kept until it is stored: " + kept);
            String id = kept.get(0).substring("cxone-console-draft:".length());

            page.click("#save");
            assertThat(page.locator("#status")).hasText("Saved \"Kept across sign-in\" as version 2.");
            assertEquals(List.of(), keptDrafts(page), "dropped once the save succeeded");
            String csrf = page.locator("meta[name=csrf-token]").getAttribute("content");
            Object stored = page.evaluate("async ([id, csrf]) => (await (await fetch('/api/v1/themes/' + id, "
                    + "{headers: {'X-CSRF-Token': csrf}})).json()).name", List.of(id, csrf));
            assertEquals("Kept across sign-in", stored);
        } finally {
            context.close();
        }
    }

    /** The drafts the console keeps in this tab's sessionStorage. */
    @SuppressWarnings("unchecked")
    static List<String> keptDrafts(Page page) {
        return (List<String>) page.evaluate(
                "() => Object.keys(sessionStorage).filter(k => k.startsWith('cxone-console-draft:'))");
    }

    /**
     * Ends every session of the user at Keycloak (its admin REST API, as the bootstrap admin of support/KeycloakServer):
     * the console's refresh token is refused from now on.
     */
    static void endSessionsAtTheProvider(String username) throws Exception {
        String base = KeycloakServer.get().baseUrl();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base
                + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
                        + KeycloakServer.ADMIN_USER + "&password=" + KeycloakServer.ADMIN_PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        String admin = "Bearer " + JSON.readTree(token.body()).get("access_token").asText();
        HttpResponse<String> users = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/"
                + KeycloakServer.REALM + "/users?exact=true&username=" + username)).header("Authorization", admin)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, users.statusCode(), users.body());
        String id = JSON.readTree(users.body()).get(0).get("id").asText();
        HttpResponse<String> logout = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/"
                + KeycloakServer.REALM + "/users/" + id + "/logout")).header("Authorization", admin)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, logout.statusCode(), logout.body());
    }

    /** The session cookie's parts by name (Quarkus splits a large one into q_session_chunk_1, _2, ...). */
    Map<String, String> sessionCookies(BrowserContext context) {
        return SignInPages.sessionCookies(context, root).stream().collect(Collectors.toMap(c -> c.name, c -> c.value));
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
}
