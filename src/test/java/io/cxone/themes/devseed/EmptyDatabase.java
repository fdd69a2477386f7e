package io.cxone.themes.devseed;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.cxone.themes.support.Db;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A database of its own, empty, on the test run's embedded PostgreSQL (started here if no test started it yet), for an
 * application that must see a database nobody used: the other test classes share the server's {@code postgres}
 * database. Dropped when the application stops.
 */
public class EmptyDatabase implements QuarkusTestResourceLifecycleManager {
    private String adminUrl;
    private String user;
    private String password;
    private String name;

    @Override
    public Map<String, String> start() {
        ConfigSource embedded = Db.testDatasource();
        String reactive = embedded.getValue("quarkus.datasource.reactive.url"); // postgresql://host:port/postgres
        user = embedded.getValue("quarkus.datasource.username");
        password = embedded.getValue("quarkus.datasource.password");
        adminUrl = "jdbc:" + reactive;
        name = "empty_" + UUID.randomUUID().toString().replace("-", "");
        sql("CREATE DATABASE " + name);
        return Map.of("quarkus.datasource.reactive.url", reactive.substring(0, reactive.lastIndexOf('/') + 1) + name,
                "quarkus.datasource.username", user, "quarkus.datasource.password", password);
    }

    @Override
    public void stop() {
        sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void sql(String statement) {
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        // the driver itself: DriverManager does not see it from the class loader test resources start in
        try (Connection c = new org.postgresql.Driver().connect(adminUrl, login); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

}
