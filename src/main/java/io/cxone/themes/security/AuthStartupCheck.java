package io.cxone.themes.security;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;

/** Says at startup how bearer tokens are verified; in dev mode only, prints a ready-to-use token. */
@Singleton
public class AuthStartupCheck {
    private static final Logger LOG = Logger.getLogger(AuthStartupCheck.class);

    private final String issuer;
    private final Optional<String> keyLocation;

    public AuthStartupCheck(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation) {
        this.issuer = issuer;
        this.keyLocation = keyLocation;
    }

    // before HTTP serves anything, so the dev key file exists when the first token is verified
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT && keyLocation.filter(this::isDevKey).isPresent()) {
            LOG.warnf("""

                    ********************************************************************************
                    DEV MODE ONLY: no JWT key configured, so a throw-away key pair under %s verifies
                    tokens. This token carries all four roles and expires in 12 hours:

                    export TOKEN=%s

                    A packaged jar never does this: without a key it refuses every API call (401).
                    ********************************************************************************""",
                    DevJwtKeys.DIR, devToken());
        } else if (!JwtKeyConfig.isConfigured(ConfigProvider.getConfig())) {
            LOG.error("No JWT verification key configured: every /api and /preview call will be refused with 401. "
                    + "Set MP_JWT_VERIFY_PUBLICKEY_LOCATION (PEM, JWK or JWKS; file:, classpath: or https:) "
                    + "and MP_JWT_VERIFY_ISSUER.");
        } else {
            LOG.infof("Bearer JWTs are verified with the configured key, issuer '%s'", issuer);
        }
    }

    private boolean isDevKey(String location) {
        return location.endsWith(DevJwtKeys.PUBLIC.toString().replace('\\', '/'));
    }

    private String devToken() {
        return Jwt.issuer(issuer)
                .subject("dev-user")
                .upn("dev-user")
                .groups(Set.of(Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER, Roles.AUDITOR, Roles.APPROVER))
                .expiresIn(Duration.ofHours(12))
                .sign(DevJwtKeys.privateKey());
    }
}
