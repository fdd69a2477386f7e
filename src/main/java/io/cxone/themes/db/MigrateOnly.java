package io.cxone.themes.db;

import java.util.Locale;
import java.util.Optional;

/**
 * APP_MIGRATE=only: the release's migration, run by the packaged jar's entry point before Quarkus starts (no HTTP
 * server, no job engine, no CXone client: a migration Job finishes in the time Flyway needs). The database settings
 * come from system properties or the environment, the same names the service reads ({@link JdbcTarget}); nothing
 * else of the configuration is needed. Prints one line and answers the exit code.
 */
public final class MigrateOnly {
    private MigrateOnly() {
    }

    /** Whether this process was started to migrate only ({@code -Dapp.migrate=only} or {@code APP_MIGRATE=only}). */
    public static boolean requested() {
        return lookup(MigrationMode.KEY).map(v -> v.strip().equalsIgnoreCase("only")).orElse(false);
    }

    /** Migrates; 0 when the schema is at the version this build needs, 1 with the reason on stderr otherwise. */
    public static int run() {
        try {
            JdbcTarget target = JdbcTarget.from(MigrateOnly::lookup).orElseThrow(() -> new IllegalStateException(
                    "set QUARKUS_DATASOURCE_JDBC_URL or QUARKUS_DATASOURCE_REACTIVE_URL (and QUARKUS_DATASOURCE_USERNAME"
                            + " / _PASSWORD): APP_MIGRATE=only has no embedded database to migrate"));
            System.out.println("cxone-theme-service APP_MIGRATE=only: " + Migrator.migrate(target));
            return 0;
        } catch (RuntimeException e) {
            System.err.println("cxone-theme-service APP_MIGRATE=only FAILED: " + describe(e)
                    + ". Nothing else was changed; fix the cause and run the migration again (it continues where it stopped).");
            return 1;
        }
    }

    /** The causes' messages, one after the other (Flyway wraps the driver's reason), never a password. */
    private static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 2000; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (out.indexOf(message) < 0) {
                out.append(out.length() == 0 ? "" : " <- ").append(message);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return out.toString();
    }

    /** MicroProfile Config's order for the two sources this mode reads: system property, then environment variable. */
    static Optional<String> lookup(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
        }
        return Optional.ofNullable(value);
    }
}
