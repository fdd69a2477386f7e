package io.cxone.themes.db;

import java.util.Locale;

/**
 * {@code APP_MIGRATE}: who brings the database schema up to date. Once per release, not once per replica: a replica that
 * migrates at start pays for Flyway and the JDBC stack on every cold start, and N replicas race for the same lock.
 */
public enum MigrationMode {
    /** Migrate at start, then serve: dev mode, tests, the embedded database and a plain {@code java -jar}. */
    START,
    /** Migrate and exit (the release's migration Job): no HTTP server, no jobs (db.MigrateOnly). */
    ONLY,
    /** Never migrate; not ready while the schema is behind this build (every container image's default). */
    CHECK;

    public static final String KEY = "app.migrate";
    public static final String ENV = "APP_MIGRATE";

    /** The mode {@code value} names; anything else stops the start naming the key (a typo must not migrate). */
    public static MigrationMode parse(String value) {
        if (value == null || value.isBlank()) {
            return START;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV + " (" + KEY + ") must be start, only or check, not '"
                    + value.strip() + "'");
        }
    }
}
