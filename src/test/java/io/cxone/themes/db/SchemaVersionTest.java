package io.cxone.themes.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The version a replica waits for is the newest migration the build ships, and versions compare as Flyway's do. */
class SchemaVersionTest {
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

    @Test
    void requiredVersionIsTheNewestMigration() throws IOException {
        String newest;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            newest = files.map(f -> VERSIONED.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> m.group(1).replace('_', '.')).max(Schema::compare).orElseThrow();
        }
        assertEquals(newest, String.valueOf(Schema.REQUIRED_VERSION), "a migration was added: raise "
                + "Schema.REQUIRED_VERSION to its version, or replicas would call the older schema current");
    }

    @Test
    void versionsCompareNumericallyPartByPart() {
        assertTrue(Schema.compare("10", "9") > 0);
        assertTrue(Schema.compare("1.10", "1.9") > 0);
        assertEquals(0, Schema.compare("14", "14.0"));
        assertTrue(Schema.compare("13", "14") < 0);
    }

    @Test
    void currentMeansAtOrPastTheRequiredVersion() {
        assertFalse(new Schema.Found(Optional.empty()).current());
        assertFalse(new Schema.Found(Optional.of(String.valueOf(Schema.REQUIRED_VERSION - 1))).current());
        assertTrue(new Schema.Found(Optional.of(String.valueOf(Schema.REQUIRED_VERSION))).current());
        assertTrue(new Schema.Found(Optional.of(String.valueOf(Schema.REQUIRED_VERSION + 1))).current(),
                "a newer release's migration (rolling update) does not make an older replica unready");
    }

    @Test
    void modesAreStartOnlyCheckAndATypoNamesTheKey() {
        assertEquals(MigrationMode.START, MigrationMode.parse(null));
        assertEquals(MigrationMode.CHECK, MigrationMode.parse(" Check "));
        assertEquals(MigrationMode.ONLY, MigrationMode.parse("only"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MigrationMode.parse("chek"));
        assertTrue(e.getMessage().contains("APP_MIGRATE") && e.getMessage().contains("'chek'"), e.getMessage());
    }
}
