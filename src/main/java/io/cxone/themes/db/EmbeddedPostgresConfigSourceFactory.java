package io.cxone.themes.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * The zero-configuration database: with no datasource URL set, starts an embedded PostgreSQL and supplies its URLs.
 * Any {@code QUARKUS_DATASOURCE_*_URL} turns it off, and an artifact built with {@code -Pcontainer} lacks it entirely.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {
    /**
     * Set by {@link io.cxone.themes.Main} before Quarkus starts: config sources also run during the build, and an
     * embedded database started there would bake its URL into the artifact.
     */
    public static final String LAUNCHED = "cxone-theme-service.launched";
    static final String DATA_DIR_KEY = "app.embedded-db.dir";
    private static final String DEFAULT_DATA_DIR = "data/postgres";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context, "quarkus.datasource.reactive.url") || isSet(context, "quarkus.datasource.jdbc.url")) {
            return List.of();
        }
        List<String> profiles = context.getProfiles();
        boolean test = profiles.contains("test");
        boolean service = Boolean.getBoolean(LAUNCHED) || profiles.contains("dev") || test;
        if (!service || !EmbeddedPostgres.available()) {
            return List.of(); // a build, or the container image: startup then fails naming the keys to set
        }
        EmbeddedPostgres.Server server = EmbeddedPostgres.startOnce(dataDir(context, test));
        // no quarkus.datasource.jdbc.url: nothing of Quarkus reads it (Quarkus would warn that it is unknown);
        // migrations derive it from the reactive URL (JdbcTarget)
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.reactive.url", server.reactiveUrl(),
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password(),
                EmbeddedDatabaseGauge.ACTIVE_KEY, "true"), "embedded-postgresql", 40));
    }

    private static Path dataDir(ConfigSourceContext context, boolean test) {
        if (isSet(context, DATA_DIR_KEY)) {
            return Path.of(context.getValue(DATA_DIR_KEY).getValue());
        }
        if (test) { // a clean database per test JVM, shared by every application restart in it
            try {
                return Files.createTempDirectory("cxone-themes-test-pg").resolve("data");
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create a temporary directory for the test database", e);
            }
        }
        return Path.of(DEFAULT_DATA_DIR);
    }

    private static boolean isSet(ConfigSourceContext context, String key) {
        ConfigValue value = context.getValue(key);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
