package io.cxone.themes.signin;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Turns the console's sign-in on when, and only when, {@code OIDC_ISSUER_URL} ({@value #ISSUER}) is set: Quarkus's
 * default OIDC tenant is off in application.properties (without an issuer it would refuse to start, and portals'
 * bearer tokens need none of it), and one variable, not two, is what an operator sets.
 */
public class SignInConfigSourceFactory implements ConfigSourceFactory {
    static final String ISSUER = "app.oidc.issuer-url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue issuer = context.getValue(ISSUER);
        if (issuer == null || issuer.getValue() == null || issuer.getValue().isBlank()) {
            return List.of();
        }
        // above application.properties (250), below the environment (300) and system properties (400)
        return List.of(new PropertiesConfigSource(Map.of("quarkus.oidc.tenant-enabled", "true",
                "quarkus.http.auth.permission.console-signin.enabled", "true"), "console-sign-in", 260));
    }
}
