package io.cxone.themes.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to {@link Schema#REQUIRED_VERSION} with Flyway over plain JDBC, from {@code db/migration}.
 * Only a process that migrates (APP_MIGRATE=start or only) calls it, so a replica never loads Flyway, the JDBC driver
 * or any pool: that is why this is not Quarkus's Flyway extension, which starts a JDBC datasource in every replica.
 * Flyway's defaults are the extension's (table {@code flyway_schema_history}, the connection's default schema), so a
 * database migrated by an earlier release continues where it stood.
 */
public final class Migrator {
    private Migrator() {
    }

    /** What a migration run did, in the words its log line uses. */
    public record Outcome(String from, String to, int applied, long millis) {
        @Override
        public String toString() {
            return applied == 0 ? "the schema is at version " + to + ", nothing to migrate"
                    : "migrated the schema from version " + (from == null ? "none" : from) + " to " + to + " ("
                            + applied + " migration(s) in " + millis + " ms)";
        }
    }

    /**
     * Migrates and checks that the result is the version this build needs; a failure says what went wrong and leaves
     * the schema as Flyway left it (each PostgreSQL migration runs in its own transaction).
     */
    public static Outcome migrate(JdbcTarget target) {
        long t0 = System.nanoTime();
        MigrateResult result = Flyway.configure(Migrator.class.getClassLoader())
                .dataSource(target.url(), target.user(), target.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        String to = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        if (to == null || Schema.compare(to, String.valueOf(Schema.REQUIRED_VERSION)) < 0) {
            throw new IllegalStateException("after migrating, the schema is at version " + (to == null ? "none" : to)
                    + " but this build needs " + Schema.REQUIRED_VERSION + ": the build lacks migrations under "
                    + "db/migration (or Schema.REQUIRED_VERSION is wrong)");
        }
        return new Outcome(result.initialSchemaVersion, to, result.migrationsExecuted,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
