package io.cxone.themes.security;

import java.util.List;

import org.eclipse.microprofile.config.Config;

/** Whether any JWT verification key material is configured (read at runtime, never baked in at build time). */
final class JwtKeyConfig {
    static final List<String> KEY_PROPERTIES = List.of(
            "mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey",
            "smallrye.jwt.verify.key.location", "smallrye.jwt.verify.key");

    private JwtKeyConfig() {
    }

    static boolean isConfigured(Config config) {
        return KEY_PROPERTIES.stream()
                .anyMatch(p -> config.getOptionalValue(p, String.class).filter(v -> !v.isBlank()).isPresent());
    }
}
