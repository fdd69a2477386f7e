package io.cxone.themes.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Direct JDBC access to the test run's embedded PostgreSQL, for assertions and for tampering like an attacker. */
public final class Db {
    private Db() {
    }

    public static Connection connect() {
        String url = System.getProperty("cxone-theme-service.embedded-db.jdbc-url");
        if (url == null) {
            throw new IllegalStateException("no embedded test database: start a @QuarkusTest first");
        }
        try {
            return DriverManager.getConnection("jdbc:" + url, "postgres", "");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
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
