package io.cxone.themes.signin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The roles of a person signed in through the console: the identity provider's groups or roles (at
 * {@code APP_ROLES_CLAIM}, e.g. {@code groups} or {@code realm_access/roles}) mapped by {@code APP_ROLE_MAP}, and
 * nothing else. Portals' bearer tokens (no ID token) keep their own {@code groups} as before.
 * The claim is read from the ID token and, when it is not there (Keycloak puts realm roles only into the access
 * token), from a JWT access token; both came straight from the provider's token endpoint in the code exchange.
 */
@ApplicationScoped
public class SignedInRoles implements SecurityIdentityAugmentor {
    private final String claimPath;
    private final RoleMap roleMap;

    /** The map as {@link RoleMapSetting} parsed it once, when the configuration was built (a malformed one stops that). */
    public SignedInRoles(@ConfigProperty(name = "app.roles-claim", defaultValue = "groups") String claimPath,
            RoleMapSetting roleMap) {
        this.claimPath = claimPath;
        this.roleMap = roleMap.roleMap().orElse(RoleMap.parse(""));
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        IdTokenCredential idToken = identity.isAnonymous() ? null : identity.getCredential(IdTokenCredential.class);
        if (idToken == null) {
            return Uni.createFrom().item(identity);
        }
        List<String> groups = claim(idToken.getToken());
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        if (groups.isEmpty() && access != null) {
            groups = claim(access.getToken());
        }
        QuarkusSecurityIdentity.Builder mapped = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(roleMap.rolesOf(groups));
        return Uni.createFrom().item(mapped.build());
    }

    /** The names at {@link #claimPath} in a JWT's payload: a JSON array, or a string of names split at spaces/commas. */
    List<String> claim(String jwt) {
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
        if (parts.length != 3) {
            return List.of(); // an opaque access token: nothing to read
        }
        Object node;
        try {
            node = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return List.of();
        }
        for (String step : claimPath.split("/")) {
            node = node instanceof JsonObject object ? object.getValue(step) : null;
        }
        List<String> names = new ArrayList<>();
        if (node instanceof JsonArray array) {
            array.forEach(value -> names.add(String.valueOf(value)));
        } else if (node instanceof String text) {
            for (String name : text.split("[\\s,]+")) {
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
