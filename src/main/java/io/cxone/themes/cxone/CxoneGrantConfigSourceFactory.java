package io.cxone.themes.cxone;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Maps the user-facing {@code CXONE_GRANT} ({@code client_credentials} | {@code password}, the OAuth names) onto the
 * OIDC client's grant type names ({@code client} | {@code password}); anything else stops startup with a clear message.
 */
public class CxoneGrantConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue grant = context.getValue("cxone.grant");
        if (grant == null || grant.getValue() == null || grant.getValue().isBlank()) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of("cxone.grant-type", oidcGrantType(grant.getValue())),
                "cxone-grant", 50));
    }

    static String oidcGrantType(String grant) {
        return switch (grant.strip().toLowerCase(Locale.ROOT)) {
            case "client_credentials", "client" -> "client";
            case "password" -> "password";
            default -> throw new IllegalArgumentException("CXONE_GRANT must be 'client_credentials' or 'password' "
                    + "(CXone access keys), not '" + grant + "'");
        };
    }
}
