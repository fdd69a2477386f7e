package io.cxone.themes.idempotency;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.cxone.themes.db.Schema;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Deletes expired idempotency keys every {@code app.idempotency.purge-interval}, in batches of
 * {@code app.idempotency.purge-batch} and at most {@value #MAX_BATCHES} batches a time: bounded work, however large the
 * backlog. Every instance purges; {@code SKIP LOCKED} keeps two from deleting the same rows. Lookups ignore expired
 * rows whether purged or not, so the purge is housekeeping, never correctness.
 */
@ApplicationScoped
public class IdempotencyPurge {
    private static final Logger LOG = Logger.getLogger(IdempotencyPurge.class);
    static final int MAX_BATCHES = 10;

    private final Pool pool;
    private final IdempotencyStore store;
    private final IdempotencySettings settings;
    private final Vertx vertx;
    private final Schema schema;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile long timer = -1;

    IdempotencyPurge(Pool pool, IdempotencyStore store, IdempotencySettings settings, Vertx vertx, Schema schema) {
        if (settings.ttl().isNegative() || settings.ttl().isZero() || settings.purgeBatch() < 1
                || settings.purgeInterval().toMillis() < 1) {
            throw new IllegalArgumentException("app.idempotency.ttl and purge-interval must be positive and purge-batch "
                    + "at least 1 (APP_IDEMPOTENCY_TTL, APP_IDEMPOTENCY_PURGE_INTERVAL, APP_IDEMPOTENCY_PURGE_BATCH)");
        }
        this.pool = pool;
        this.store = store;
        this.settings = settings;
        this.vertx = vertx;
        this.schema = schema;
    }

    void start(@Observes StartupEvent event) {
        // the table may not exist yet on a replica started before its release's migration (APP_MIGRATE=check)
        schema.whenCurrent(() -> timer = vertx.setPeriodic(settings.purgeInterval().toMillis(), t -> tick()));
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** One purge now: the number of expired keys deleted (at most {@value #MAX_BATCHES} batches). */
    public Uni<Integer> purgeOnce() {
        return batch(0, 0);
    }

    private Uni<Integer> batch(int done, int deleted) {
        return store.purge(pool, settings.purgeBatch()).chain(n -> {
            int total = deleted + n;
            // a full batch means more may be waiting: go on, up to the bound; the next tick takes the rest
            return n == settings.purgeBatch() && done + 1 < MAX_BATCHES ? batch(done + 1, total)
                    : Uni.createFrom().item(total);
        });
    }

    private void tick() {
        if (!busy.compareAndSet(false, true)) {
            return; // the previous purge is still running (a slow database): never pile up
        }
        purgeOnce().onTermination().invoke(() -> busy.set(false)).subscribe().with(
                n -> LOG.debugf("deleted %d expired idempotency keys", n),
                e -> LOG.warnf("Could not delete expired idempotency keys (retrying in %s): %s",
                        settings.purgeInterval(), e.getMessage()));
    }
}
