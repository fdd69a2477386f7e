package io.cxone.themes.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.KeycloakServer;

/**
 * The identity provider the sign-in tests rely on is what they claim: the realm is served, and its console client
 * refuses an authorization request without a PKCE challenge (so a passing sign-in test shows that the service sends
 * one).
 */
class KeycloakServerTest {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void servesTheRealmAndEnforcesPkce() throws Exception {
        KeycloakServer keycloak = KeycloakServer.get();
        HttpResponse<String> discovery = http.send(
                HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, discovery.statusCode());
        assertTrue(discovery.body().contains("\"issuer\":\"" + keycloak.issuer() + "\""), discovery.body());

        String redirect = URLEncoder.encode("http://localhost:1/signin", StandardCharsets.UTF_8);
        String authorize = keycloak.issuer() + "/protocol/openid-connect/auth?response_type=code&scope=openid"
                + "&client_id=" + KeycloakServer.CLIENT_ID + "&redirect_uri=" + redirect + "&state=s1";
        HttpResponse<String> withoutPkce = http.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, withoutPkce.statusCode());
        String location = withoutPkce.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("error=invalid_request"), location);

        HttpResponse<String> withPkce = http.send(HttpRequest.newBuilder(URI.create(authorize
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, withPkce.statusCode(), "the login page");
        assertTrue(withPkce.body().contains("kc-form-login") || withPkce.body().contains("username"), "a login form");
    }
}
