package io.cxone.themes.security;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * When no JWT key material is configured, supplies a freshly generated public key whose private half is thrown away.
 * Without it smallrye-jwt fails every request with a 500; with it every token is refused with a 401 (fail closed).
 */
public class FallbackJwtKeyConfigSourceFactory implements ConfigSourceFactory {
    public static final String SOURCE_NAME = "unconfigured-jwt-key-fallback";
    static final List<String> KEY_PROPERTIES = List.of(
            "mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey",
            "smallrye.jwt.verify.key.location", "smallrye.jwt.verify.key");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        for (String property : KEY_PROPERTIES) {
            ConfigValue value = context.getValue(property);
            if (value != null && value.getValue() != null && !value.getValue().isBlank()) {
                return List.of();
            }
        }
        return List.of(new FallbackKeySource(Map.of("mp.jwt.verify.publickey", unusablePublicKey())));
    }

    /**
     * Named exactly {@link #SOURCE_NAME} ({@code PropertiesConfigSource} would decorate the name), so that
     * {@link AuthStartupCheck} recognises the fallback and says so at startup; ordinal 10, below every real source.
     */
    static final class FallbackKeySource extends MapBackedConfigSource {
        private static final long serialVersionUID = 1L;

        FallbackKeySource(Map<String, String> properties) {
            super(SOURCE_NAME, properties, 10);
        }
    }

    private static String unusablePublicKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }
}
