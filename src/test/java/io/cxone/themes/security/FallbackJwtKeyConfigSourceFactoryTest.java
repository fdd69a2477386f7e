package io.cxone.themes.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/** The fail-closed fallback: a source (an unusable public key) only when no key property is set. */
class FallbackJwtKeyConfigSourceFactoryTest {
    private final FallbackJwtKeyConfigSourceFactory factory = new FallbackJwtKeyConfigSourceFactory();

    static ConfigSourceContext context(Map<String, String> values) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                String value = values.get(name);
                return value == null ? null : ConfigValue.builder().withName(name).withValue(value).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }
        };
    }

    static List<ConfigSource> sources(Iterable<ConfigSource> iterable) {
        List<ConfigSource> list = new ArrayList<>();
        iterable.forEach(list::add);
        return list;
    }

    @Test
    void noKeyConfiguredGivesAnUnusableRsaPublicKey() throws Exception {
        List<ConfigSource> sources = sources(factory.getConfigSources(context(Map.of("mp.jwt.verify.issuer", "x"))));
        assertEquals(1, sources.size());
        ConfigSource source = sources.get(0);
        assertEquals(FallbackJwtKeyConfigSourceFactory.SOURCE_NAME, source.getName());
        assertTrue(source.getOrdinal() < 100, "below every real source so any configured key wins: " + source.getOrdinal());
        String key = source.getValue("mp.jwt.verify.publickey");
        assertNotNull(key);
        RSAPublicKey rsa = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key)));
        assertEquals(2048, rsa.getModulus().bitLength());
        // a fresh key each time: nobody can hold the private half
        String again = sources(factory.getConfigSources(context(Map.of()))).get(0).getValue("mp.jwt.verify.publickey");
        assertNotEquals(key, again);
    }

    @ParameterizedTest
    @ValueSource(strings = { "mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey",
            "smallrye.jwt.verify.key.location", "smallrye.jwt.verify.key" })
    void anyConfiguredKeyPropertySuppressesTheFallback(String property) {
        assertEquals(List.of(), sources(factory.getConfigSources(context(Map.of(property, "file:/keys/public.pem")))), property);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   " })
    void blankKeyPropertiesDoNotCount(String blank) {
        assertEquals(1, sources(factory.getConfigSources(context(Map.of("mp.jwt.verify.publickey.location", blank)))).size());
    }

    @Test
    void keyPropertiesAreTheFourSmallRyeAndMicroProfileNames() {
        assertEquals(List.of("mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey",
                "smallrye.jwt.verify.key.location", "smallrye.jwt.verify.key"), FallbackJwtKeyConfigSourceFactory.KEY_PROPERTIES);
    }
}
