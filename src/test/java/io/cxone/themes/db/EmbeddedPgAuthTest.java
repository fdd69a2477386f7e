package io.cxone.themes.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server asks every connection for its generated password and listens on loopback only; a data
 * directory made by an older version with trust authentication keeps its data and is migrated on its first start.
 */
class EmbeddedPgAuthTest {
    @TempDir
    Path tmp;

    @Test
    void aTrustDirectoryIsMigratedToPasswordAuthenticationAndKeepsItsData() throws Exception {
        Path dir = tmp.resolve("data");
        // as the previous version made it: zonky's defaults, trust for every local connection
        try (var old = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setDataDirectory(dir)
                .setCleanDataDirectory(false).start()) {
            try (Connection c = DriverManager.getConnection(url(old.getPort()), "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('before')");
            }
        }
        assertFalse(Files.exists(dir.resolve(EmbeddedPgAuth.SECRET_FILE)));

        String secret = EmbeddedPgAuth.secret(dir);
        try (var pg = EmbeddedPostgres.launch(dir, secret)) {
            assertRequiresThePassword(dir, pg.getPort(), secret);
        }
        // and the migrated directory starts again with its stored password
        try (var pg = EmbeddedPostgres.launch(dir, EmbeddedPgAuth.secret(dir))) {
            assertRequiresThePassword(dir, pg.getPort(), secret);
        }
    }

    @Test
    void aNewDirectoryGetsAPasswordFromItsFirstStart() throws Exception {
        Path dir = tmp.resolve("fresh");
        String secret = EmbeddedPgAuth.secret(dir);
        try (var pg = EmbeddedPostgres.launch(dir, secret)) {
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url(pg.getPort()), "postgres", "").close());
            try (Connection c = DriverManager.getConnection(url(pg.getPort()), "postgres", secret)) {
                assertTrue(c.isValid(5));
            }
        }
    }

    private static void assertRequiresThePassword(Path dir, int port, String secret) throws Exception {
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url(port), "postgres", "").close());
        assertTrue(refused.getMessage().contains("password"), refused.getMessage());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url(port), "postgres", "guess").close());
        try (Connection c = DriverManager.getConnection(url(port), "postgres", secret); Statement s = c.createStatement()) {
            assertEquals("before", single(s, "SELECT v FROM kept"));
            assertEquals("127.0.0.1", single(s, "SHOW listen_addresses"));
        }
        Path file = dir.resolve(EmbeddedPgAuth.SECRET_FILE);
        assertEquals(secret, Files.readString(file).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String hba = Files.readString(dir.resolve("pg_hba.conf"));
        assertFalse(hba.contains("trust"), hba);
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }
}
