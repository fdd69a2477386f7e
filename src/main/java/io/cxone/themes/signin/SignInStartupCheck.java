package io.cxone.themes.signin;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Says at start whether the console signs people in with an identity provider, and warns when {@code APP_ROLE_MAP}
 * grants nothing. A malformed map never gets here: {@link RoleMapSetting} refuses it while the configuration is built,
 * naming the entry. Reads configuration only, so that a start without {@code OIDC_ISSUER_URL} loads nothing of the
 * sign-in.
 */
@Singleton
public class SignInStartupCheck {
    private static final Logger LOG = Logger.getLogger(SignInStartupCheck.class);

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = SignInConfigSourceFactory.ISSUER) Optional<String> issuer,
            @ConfigProperty(name = "app.roles-claim", defaultValue = "groups") String claim,
            RoleMapSetting roleMap) {
        if (issuer.isEmpty()) {
            return;
        }
        RoleMap map = roleMap.roleMap().orElse(RoleMap.parse(""));
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
