package io.cxone.themes.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The settings' old names are read for one release: an old key set in a stronger source than the new one wins (an
 * environment variable over application.properties, which holds every new key's default); on a tie the new name
 * wins; without the old key the new one is read as it is.
 */
class DeprecatedJobKeysTest {
    private static final String NEW = "app.jobs.publications.lease";
    private static final String OLD = "app.publish.lease";
    /** application.properties in a Quarkus application. */
    private static final int PROPERTIES = 250;
    /** Environment variables. */
    private static final int ENV = 300;

    @Test
    void everyOldNameMapsToANewOneUnderAppJobs() {
        DeprecatedJobKeys.OLD.forEach((now, old) -> assertTrue(now.startsWith("app.jobs.") && !old.startsWith(
                "app.jobs."), now + " <- " + old));
    }

    @Test
    void anOldKeyInAStrongerSourceWins() {
        SmallRyeConfig config = config(new PropertiesConfigSource(Map.of(NEW, "30s"), "application.properties",
                PROPERTIES), new EnvConfigSource(Map.of("APP_PUBLISH_LEASE", "45s"), ENV));
        assertEquals("45s", config.getRawValue(NEW), "APP_PUBLISH_LEASE beats the new key's default");
    }

    @Test
    void theNewKeyWinsATie() {
        SmallRyeConfig config = config(new EnvConfigSource(Map.of("APP_PUBLISH_LEASE", "45s",
                "APP_JOBS_PUBLICATIONS_LEASE", "60s"), ENV));
        assertEquals("60s", config.getRawValue(NEW));
    }

    @Test
    void theNewKeyInAStrongerSourceWins() {
        SmallRyeConfig config = config(new PropertiesConfigSource(Map.of(OLD, "45s"), "application.properties",
                PROPERTIES), new EnvConfigSource(Map.of("APP_JOBS_PUBLICATIONS_LEASE", "60s"), ENV));
        assertEquals("60s", config.getRawValue(NEW));
    }

    @Test
    void withoutTheOldKeyTheNewValueIsRead() {
        SmallRyeConfig config = config(new PropertiesConfigSource(Map.of(NEW, "30s"), "application.properties",
                PROPERTIES), new EnvConfigSource(Map.of("APP_SYNC_LEASE", "45s"), ENV));
        assertEquals("30s", config.getRawValue(NEW), "another kind's old key changes nothing here");
        assertEquals("45s", config.getRawValue("app.jobs.sync.lease"));
    }

    @Test
    void anOldKeyAloneIsReadUnderItsNewName() {
        SmallRyeConfig config = config(new EnvConfigSource(Map.of("APP_CHANNELS_SCAN_INTERVAL", "2m"), ENV));
        assertEquals("2m", config.getRawValue("app.jobs.channels.scan"));
    }

    private static SmallRyeConfig config(ConfigSource... sources) {
        return new SmallRyeConfigBuilder().withSources(sources).withInterceptorFactories(new DeprecatedJobKeys())
                .build();
    }
}
