package io.cxone.themes.signin;

import java.util.Optional;

import org.eclipse.microprofile.config.spi.Converter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithParentName;

/**
 * {@code APP_ROLE_MAP} ({@code app.role-map}) read as a configuration mapping, so that a malformed map stops the start
 * before anything else has happened: mappings are checked when the configuration is built, before the OIDC tenant
 * looks for its provider, the database is migrated or a job starts, and Quarkus prints only the message (no stack
 * trace). Checked whenever it is set, with or without {@code OIDC_ISSUER_URL}: a typo is found before sign-in is
 * turned on, not after.
 */
@ConfigMapping(prefix = "app.role-map") // not "app": a mapping refuses every key under its prefix that it does not name
public interface RoleMapSetting {

    /** The value of {@code app.role-map} itself; empty when unset or blank. */
    @WithParentName
    Optional<@WithConverter(Parser.class) RoleMap> roleMap();

    /** {@link RoleMap#parse}: its message names the entry and says what to write instead. */
    final class Parser implements Converter<RoleMap> {
        @Override
        public RoleMap convert(String value) {
            return RoleMap.parse(value);
        }
    }
}
