package io.cxone.themes.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.cxone.themes.db.EmbeddedPostgresConfigSourceFactory;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/** Direct JDBC access to the test run's embedded PostgreSQL, for assertions and for tampering like an attacker. */
public final class Db {
    private Db() {
    }

    private static final String URL_PROPERTY = "cxone-theme-service.embedded-db.jdbc-url";
    private static final String DIR_PROPERTY = "cxone-theme-service.embedded-db.dir";
    /** db.EmbeddedPgAuth.SECRET_FILE: the embedded server's password, inside its data directory. */
    private static final String SECRET_FILE = "service-password";

    /** The password of the embedded server whose data directory is {@code dataDir}. */
    public static String secretOf(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve(SECRET_FILE)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no password file in " + dataDir + ": has the service started on it?", e);
        }
    }

    /**
     * The test database's datasource settings ({@code quarkus.datasource.reactive.url}, {@code .username},
     * {@code .password}) as the service's own config source finds it under the test profile, starting it when no
     * test has yet: for code that needs the database before or beside a Quarkus application.
     */
    public static ConfigSource testDatasource() {
        return new EmbeddedPostgresConfigSourceFactory().getConfigSources(TEST_PROFILE).iterator().next();
    }

    private static final ConfigSourceContext TEST_PROFILE = new ConfigSourceContext() {
        @Override
        public ConfigValue getValue(String name) {
            return ConfigValue.builder().withName(name).build();
        }

        @Override
        public List<String> getProfiles() {
            return List.of("test");
        }

        @Override
        public Iterator<String> iterateNames() {
            return Map.<String, String> of().keySet().iterator();
        }
    };

    /** True once a @QuarkusTest started the embedded test database in this JVM. */
    public static boolean available() {
        return System.getProperty(URL_PROPERTY) != null;
    }

    public static Connection connect() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            throw new IllegalStateException("no embedded test database: start a @QuarkusTest first");
        }
        try {
            return DriverManager.getConnection("jdbc:" + url, "postgres",
                    secretOf(Path.of(System.getProperty(DIR_PROPERTY))));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row of {@code sql} run with one string parameter. */
    public static List<String> strings(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    public static long count(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Ends the publication and sync jobs that earlier suites left unfinished in this shared test database, so that
     * the application restarted for the next suite does not resume them and append audit events in the middle of
     * tests that count events. Their lease is cleared, which also fences off a worker still holding them in memory.
     */
    public static void endLeftoverJobs() {
        if (count("SELECT count(*) FROM pg_tables WHERE tablename = 'publications'") == 0) {
            return; // not migrated yet: the classes so far ran on a database of their own (DatabaseDownTest)
        }
        execute("UPDATE publications SET state = 'FAILED', failure_reason = 'ended by the test suite', "
                + "lease_owner = NULL, lease_until = NULL WHERE state IN ('QUEUED', 'SUBMITTED', 'ACTIVATING')",
                "UPDATE sync_jobs SET state = 'FAILED', lease_owner = NULL WHERE state IN ('QUEUED', 'RUNNING')");
    }

    /** The statements in one transaction (for changes that must not interleave with the service's appends). */
    public static void inTransaction(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
