package io.cxone.themes.signin;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Says at start whether the console signs people in with an identity provider, and refuses to start with a malformed
 * {@code APP_ROLE_MAP} (naming the entry): people would otherwise be signed in with other rights than meant. Reads
 * configuration only, so that a start without {@code OIDC_ISSUER_URL} loads nothing of the sign-in.
 */
@Singleton
public class SignInStartupCheck {
    private static final Logger LOG = Logger.getLogger(SignInStartupCheck.class);

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = SignInConfigSourceFactory.ISSUER) Optional<String> issuer,
            @ConfigProperty(name = "app.roles-claim", defaultValue = "groups") String claim,
            @ConfigProperty(name = "app.role-map") Optional<String> roleMap) {
        if (issuer.isEmpty()) {
            return;
        }
        RoleMap map;
        try {
            map = RoleMap.parse(roleMap.orElse(""));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        if (map.isEmpty()) {
            LOG.warnf("APP_ROLE_MAP is empty: people can sign in to the console through %s but get no role, so every "
                    + "API call from the console is refused (403); map your groups, e.g. "
                    + "APP_ROLE_MAP=cx-admins=theme-publisher,auditor;cx-viewers=theme-viewer", issuer.get());
        } else {
            LOG.infof("The console signs people in through %s (authorization code flow with PKCE); roles from the '%s' "
                    + "claim, mapped by APP_ROLE_MAP", issuer.get(), claim);
        }
    }
}
