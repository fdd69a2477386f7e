package io.cxone.themes.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the console's sign-in at the JVM's one real Keycloak ({@link KeycloakServer}), started when the first class
 * that names this resource starts. {@link #stop} leaves it running for the next such class; it ends with the JVM.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        KeycloakServer keycloak = KeycloakServer.get();
        return Map.of(
                "app.oidc.issuer-url", keycloak.issuer(),
                "app.oidc.client-id", KeycloakServer.CLIENT_ID,
                "app.oidc.client-secret", KeycloakServer.CLIENT_SECRET,
                "app.roles-claim", "groups",
                "app.role-map", "cx-admins=theme-viewer,theme-editor,theme-publisher,auditor;cx-viewers=theme-viewer");
    }

    @Override
    public void stop() {
        // shared by every class of this JVM that signs in: KeycloakServer stops it when the JVM ends
    }
}
