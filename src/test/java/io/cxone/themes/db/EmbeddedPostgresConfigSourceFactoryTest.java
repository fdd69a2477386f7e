package io.cxone.themes.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/** When the embedded database may start: never with a datasource URL set, never during a build. */
class EmbeddedPostgresConfigSourceFactoryTest {
    private final EmbeddedPostgresConfigSourceFactory factory = new EmbeddedPostgresConfigSourceFactory();

    @Test
    void aConfiguredReactiveOrJdbcUrlKeepsItOff() {
        assertFalse(factory.getConfigSources(context(List.of("dev"),
                Map.of("quarkus.datasource.reactive.url", "postgresql://db:5432/themes"))).iterator().hasNext());
        assertFalse(factory.getConfigSources(context(List.of("dev"),
                Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://db:5432/themes"))).iterator().hasNext());
    }

    @Test
    void aProductionBuildNeverStartsIt() {
        // the prod profile without the launch marker set by Main is the build (augmentation) itself
        assertFalse(Boolean.getBoolean(EmbeddedPostgresConfigSourceFactory.LAUNCHED));
        assertFalse(factory.getConfigSources(context(List.of("prod"), Map.of())).iterator().hasNext());
    }

    @Test
    void aRunningServiceWithoutAUrlGetsOne() {
        // in this JVM an embedded server may already run (Quarkus tests): the factory then reuses it
        var sources = factory.getConfigSources(context(List.of("test"), Map.of()));
        String url = sources.iterator().next().getValue("quarkus.datasource.reactive.url");
        assertTrue(url.startsWith("postgresql://127.0.0.1:"), url);
    }

    private static ConfigSourceContext context(List<String> profiles, Map<String, String> values) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return ConfigValue.builder().withName(name).withValue(values.get(name)).build();
            }

            @Override
            public List<String> getProfiles() {
                return profiles;
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }
        };
    }
}
