package io.cxone.themes.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The schema version this build needs, and whether the database has it yet. Read over the reactive pool from
 * Flyway's history table, so that a replica that never migrates (APP_MIGRATE=check) loads no JDBC or Flyway class.
 * Work that writes to the database (the job engine, audit checkpoints) starts through {@link #whenCurrent}, so a
 * replica started before its release's migration Job finished waits instead of failing on missing tables.
 */
@ApplicationScoped
public class Schema {
    private static final Logger LOG = Logger.getLogger(Schema.class);

    /**
     * The highest migration under {@code db/migration}. SchemaVersionTest fails when a migration is added without
     * raising it, so a replica can never call an older schema current.
     */
    public static final int REQUIRED_VERSION = 20;
    /** How often a waiting replica looks again when no readiness probe asks (probes also look, each time). */
    private static final Duration RECHECK = Duration.ofSeconds(5);

    /** What the history table says: the highest successfully applied version, or none (a database never migrated). */
    public record Found(Optional<String> version) {
        public boolean current() {
            return version.isPresent() && compare(version.get(), String.valueOf(REQUIRED_VERSION)) >= 0;
        }

        public String describe() {
            return version.orElse("none");
        }
    }

    private final Pool pool;
    private final Vertx vertx;
    private final MigrationMode mode;
    private final List<Runnable> waiting = new ArrayList<>();
    private volatile boolean current;
    private long timer = -1;

    Schema(Pool pool, Vertx vertx, @ConfigProperty(name = MigrationMode.KEY, defaultValue = "start") String mode) {
        this.pool = pool;
        this.vertx = vertx;
        this.mode = MigrationMode.parse(mode);
    }

    public MigrationMode mode() {
        return mode;
    }

    /** The database's schema version now; once it was current it stays current (schemas only move forward). */
    public Uni<Found> found() {
        if (current) {
            return Uni.createFrom().item(new Found(Optional.of(String.valueOf(REQUIRED_VERSION))));
        }
        return pool.query("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")
                .execute()
                .map(rows -> {
                    String best = null;
                    for (Row row : rows) {
                        String v = row.getString(0);
                        if (best == null || compare(v, best) > 0) {
                            best = v;
                        }
                    }
                    return new Found(Optional.ofNullable(best));
                })
                // 42P01 undefined_table: nothing was ever migrated here
                .onFailure(e -> e instanceof PgException pg && "42P01".equals(pg.getSqlState()))
                .recoverWithItem(new Found(Optional.empty()))
                .invoke(found -> {
                    if (found.current()) {
                        markCurrent();
                    }
                });
    }

    /** Called once a migration in this process reached {@link #REQUIRED_VERSION}. */
    void markCurrent() {
        List<Runnable> run;
        synchronized (this) {
            if (current) {
                return;
            }
            current = true;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            run = new ArrayList<>(waiting);
            waiting.clear();
        }
        if (!run.isEmpty()) {
            LOG.infof("The schema is at version %d now: starting what waited for it (jobs, audit checkpoints)",
                    REQUIRED_VERSION);
        }
        run.forEach(Runnable::run);
    }

    /** Runs {@code start} now if the schema is current, else as soon as it is (looking every few seconds). */
    public void whenCurrent(Runnable start) {
        synchronized (this) {
            if (!current) {
                waiting.add(start);
                if (timer < 0) {
                    timer = vertx.setPeriodic(1, RECHECK.toMillis(), t -> look());
                }
                return;
            }
        }
        start.run();
    }

    private void look() {
        found().subscribe().with(found -> {
            if (!found.current()) {
                LOG.debugf("schema at version %s, waiting for %d", found.describe(), REQUIRED_VERSION);
            }
        }, e -> LOG.debugf("schema version not readable yet: %s", e.getMessage()));
    }

    /** Orders Flyway version strings numerically part by part ("2" < "10", "1.1" < "1.2"). */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }
}
