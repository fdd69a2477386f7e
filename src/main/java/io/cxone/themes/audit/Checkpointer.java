package io.cxone.themes.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.cxone.themes.db.Schema;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Signs a checkpoint of the chain head once {@code app.audit.checkpoint.events} events were appended since the last
 * one, or {@code app.audit.checkpoint.interval} passed and the head moved. It looks at most once a second (sooner with
 * a shorter interval). Instances sharing the database take a transaction-scoped advisory lock first, so one of them
 * writes the checkpoint for a given head and the others see it and skip.
 */
@ApplicationScoped
public class Checkpointer {
    private static final Logger LOG = Logger.getLogger(Checkpointer.class);
    /** The advisory lock's key: any fixed number no other part of the service uses. */
    private static final long LOCK = 0x61756469_74636b70L; // "auditckp"
    private static final Duration MAX_POLL = Duration.ofSeconds(1);

    private final Pool pool;
    private final AuditRepository events;
    private final CheckpointRepository checkpoints;
    private final SigningKey key;
    private final Vertx vertx;
    private final Duration interval;
    private final long everyEvents;
    private final AuditGauges gauges;
    private final Schema schema;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final Instant started = Instant.now();
    private volatile long timer = -1;

    Checkpointer(Pool pool, AuditRepository events, CheckpointRepository checkpoints, SigningKey key, Vertx vertx,
            @ConfigProperty(name = "app.audit.checkpoint.interval") Duration interval,
            @ConfigProperty(name = "app.audit.checkpoint.events") long everyEvents, AuditGauges gauges, Schema schema) {
        this.gauges = gauges;
        this.schema = schema;
        if (interval.isNegative() || interval.isZero() || everyEvents < 1) {
            throw new IllegalArgumentException("app.audit.checkpoint.interval must be positive and "
                    + "app.audit.checkpoint.events at least 1 (APP_AUDIT_CHECKPOINT_INTERVAL, _EVENTS)");
        }
        this.pool = pool;
        this.events = events;
        this.checkpoints = checkpoints;
        this.key = key;
        this.vertx = vertx;
        this.interval = interval;
        this.everyEvents = everyEvents;
    }

    void start(@Observes StartupEvent event) {
        long poll = Math.max(10, Math.min(interval.toMillis(), MAX_POLL.toMillis()));
        // its table may not exist yet on a replica started before the release's migration (APP_MIGRATE=check)
        schema.whenCurrent(() -> timer = vertx.setPeriodic(poll, t -> tick()));
        LOG.infof("Audit checkpoints every %s or %d events, signed with key %s", interval, everyEvents, key.keyId());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Signs a checkpoint of the current head now, if it is past the latest checkpoint; empty when nothing to do. */
    public Uni<Optional<Checkpoint>> checkpointNow() {
        return write(true);
    }

    /**
     * Whether a checkpoint of {@code headSeq} is due after {@code last} (null: none yet, and then the interval counts
     * from {@code started}, this instance's start).
     */
    static boolean due(long headSeq, Checkpoint last, Instant started, Instant now, Duration interval, long everyEvents) {
        long lastSeq = last == null ? 0 : last.seq();
        if (headSeq <= lastSeq) {
            return false; // nothing new to anchor (or a rewound head: verify reports that, a checkpoint would not help)
        }
        Instant since = last == null ? started : last.time();
        return headSeq - lastSeq >= everyEvents || !now.isBefore(since.plus(interval));
    }

    private void tick() {
        if (!busy.compareAndSet(false, true)) {
            return; // the previous look is still running (a slow database): never pile up
        }
        write(false).onTermination().invoke(() -> busy.set(false)).subscribe().with(done -> { },
                e -> LOG.warnf("Could not write an audit checkpoint (retrying in a moment): %s", e.getMessage()));
    }

    private Uni<Optional<Checkpoint>> write(boolean force) {
        // forced (an operator, a test): wait for the lock; the timer only tries, and skips when another instance has it
        String lock = force ? "SELECT pg_advisory_xact_lock(" + LOCK + ") IS NULL"
                : "SELECT pg_try_advisory_xact_lock(" + LOCK + ")";
        return pool.withTransaction(tx -> tx.query(lock).execute()
                .chain(rows -> force || rows.iterator().next().getBoolean(0) ? writeLocked(tx, force)
                        : observe(tx).replaceWith(Optional.<Checkpoint>empty())));
    }

    /** Another instance checkpoints now: still read the head, so this instance's gauges stay current. */
    private Uni<Void> observe(SqlClient tx) {
        return events.head(tx).chain(head -> checkpoints.latest(tx).invoke(last -> gauges.observe(head.seq(), last)))
                .replaceWithVoid();
    }

    private Uni<Optional<Checkpoint>> writeLocked(SqlClient tx, boolean force) {
        return events.head(tx).chain(head -> checkpoints.latest(tx).chain(last -> {
            Instant now = Instant.now();
            boolean moved = head.seq() > (last == null ? 0 : last.seq());
            gauges.observe(head.seq(), last);
            if (!moved || !(force || due(head.seq(), last, started, now, interval, everyEvents))) {
                return Uni.createFrom().item(Optional.<Checkpoint>empty());
            }
            Checkpoint signed = key.sign(last == null ? 1 : last.id() + 1, head.seq(), head.hash(), now);
            return checkpoints.insert(tx, signed).invoke(() -> gauges.observe(head.seq(), signed))
                    .replaceWith(Optional.of(signed));
        }));
    }
}
