package io.cxone.themes.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * Password authentication for the embedded PostgreSQL. zonky's initdb trusts every local connection, so any local user
 * could connect as superuser and rewrite the audit trail; instead the server gets a generated password, kept in a 0600
 * file inside its (0700) data directory, and a pg_hba.conf that asks every connection for it.
 *
 * <p>A data directory made by an older version (trust, no password file) is migrated on its first start: the password
 * file is written first, then the role's password set, then pg_hba.conf replaced and reloaded, so a crash at any point
 * leaves a directory the next start can finish migrating.
 */
final class EmbeddedPgAuth {
    /** Inside the data directory, readable by its owner only. */
    static final String SECRET_FILE = "service-password";
    /** The first line of the pg_hba.conf written here: its presence means the directory is migrated. */
    private static final String MARKER = "# cxone-theme-service: password authentication, loopback only";
    private static final String HBA = MARKER + "\n"
            + "# every connection must give the password in " + SECRET_FILE + " (scram-sha-256)\n"
            + "local all all scram-sha-256\n"
            + "host  all all 127.0.0.1/32 scram-sha-256\n"
            + "host  all all ::1/128 scram-sha-256\n";

    private EmbeddedPgAuth() {
    }

    /** The directory's password: the stored one, or a new one that {@link #enforce} will store. */
    static String secret(Path dataDir) {
        Path file = dataDir.resolve(SECRET_FILE);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded database password " + file.toAbsolutePath()
                    + " (it must be readable by the service's user): " + e.getMessage(), e);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Makes the running server ask for {@code secret}, unless the directory already does. */
    static void enforce(Path dataDir, String host, int port, String user, String secret) {
        Path hba = dataDir.resolve("pg_hba.conf");
        try {
            if (Files.isRegularFile(hba) && Files.readString(hba, StandardCharsets.UTF_8).startsWith(MARKER)) {
                return;
            }
            writePrivate(dataDir.resolve(SECRET_FILE), secret);
            PGSimpleDataSource ds = new PGSimpleDataSource(); // not DriverManager: it may not see Quarkus' class loader
            ds.setServerNames(new String[] { host });
            ds.setPortNumbers(new int[] { port });
            ds.setDatabaseName("postgres");
            ds.setUser(user);
            ds.setPassword(secret);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("SET password_encryption = 'scram-sha-256'");
                // a literal, as ALTER ROLE takes no parameters; the secret is base64url, so it needs no escaping
                s.execute("ALTER ROLE " + user + " PASSWORD '" + secret + "'");
                writePrivate(hba, HBA);
                s.execute("SELECT pg_reload_conf()");
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("could not switch the embedded PostgreSQL under " + dataDir.toAbsolutePath()
                    + " to password authentication (check that the directory is writable by the service's user): "
                    + e.getMessage(), e);
        }
    }

    /** Written to a 0600 temporary file first and moved into place, so it is never readable by others. */
    private static void writePrivate(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
