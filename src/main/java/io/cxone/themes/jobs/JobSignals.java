package io.cxone.themes.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgChannel;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * PostgreSQL LISTEN/NOTIFY between the replicas: what one instance stores, every instance hears at once. One dedicated
 * connection per instance listens (opened at the first {@link #listen}, so an instance nobody asks pays nothing at
 * start-up); a notification is sent by whoever changed something, inside its transaction when it can (delivered on
 * commit, never for a rolled-back write).
 * <p>
 * Notifications sent while the listening connection is down are lost, by PostgreSQL's design. So after every reconnect
 * each registration's {@code onListening} runs again: a listener re-reads what it watches once, and nothing terminal is
 * missed; the workers' scans and the streams' slow re-reads stay as the backstop.
 */
@ApplicationScoped
public class JobSignals {
    /** A job row changed (a fenced write or a lifecycle operation committed); payload {@code <table>:<uuid>}. */
    public static final String JOB_CHANGED = Leases.CHANGED;
    /** A job was queued (its creating transaction committed); payload {@code <table>}. */
    public static final String JOB_QUEUED = "cxone_job_queued";
    /** A channel check found news; payload the event's JSON (channels.ChannelEvents). */
    public static final String CHANNEL_EVENT = "cxone_channel_event";
    /** How long streams wait between their backstop re-reads when nothing says otherwise. */
    static final Duration DEFAULT_STREAM_RECHECK = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(JobSignals.class);
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 10_000;

    /** A registration: {@link #close} stops its callbacks. */
    public interface Subscription {
        void close();
    }

    private final Vertx vertx;
    private final Pool pool;
    private final Optional<String> url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final Optional<Duration> streamRecheck;
    private final Map<String, Channel> channels = new HashMap<>(); // guarded by this
    private PgSubscriber subscriber; // guarded by this; null until the first listen
    private boolean lost; // guarded by this: the connection dropped and is not back yet
    private boolean closed; // guarded by this

    JobSignals(Vertx vertx, Pool pool, @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "app.jobs.stream-recheck") Optional<Duration> streamRecheck) {
        this.vertx = vertx;
        this.pool = pool;
        this.url = url;
        this.user = user;
        this.password = password;
        this.streamRecheck = streamRecheck;
    }

    /** One channel LISTENed on the connection, with every registration on it. */
    private static final class Channel {
        final List<Registration> registrations = new CopyOnWriteArrayList<>();
        boolean listening; // guarded by JobSignals.this: its LISTEN ran on the current connection
    }

    private record Registration(Consumer<String> onNotification, Runnable onListening) {
    }

    /**
     * Calls {@code onNotification} with the payload of every notification on {@code channel} from now on, on a Vert.x
     * event loop (keep it short). {@code onListening} runs once the LISTEN is active (right away if it is already) and
     * again after every reconnect: everything notified after it ran is delivered, so a listener that re-reads its state
     * there misses nothing.
     */
    public Subscription listen(String channel, Consumer<String> onNotification, Runnable onListening) {
        Registration registration = new Registration(onNotification, onListening);
        boolean listeningNow;
        synchronized (this) {
            if (closed) {
                return () -> { };
            }
            Channel ch = channels.get(channel);
            boolean added = ch == null;
            if (added) {
                ch = new Channel();
                channels.put(channel, ch);
            }
            ch.registrations.add(registration);
            listeningNow = ch.listening;
            if (added) {
                start(channel, ch);
            }
        }
        if (listeningNow) {
            onListening.run();
        }
        Channel ch = channelOf(channel);
        return () -> ch.registrations.remove(registration);
    }

    private synchronized Channel channelOf(String channel) {
        return channels.get(channel);
    }

    /** Sends a notification now, in a transaction of its own (for work that already committed). */
    public Uni<Void> notify(String channel, String payload) {
        return pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(channel, payload)).replaceWithVoid();
    }

    /** Sends one notification per payload, in order, in one statement (and one transaction) of its own. */
    public Uni<Void> notifyEach(String channel, List<String> payloads) {
        return pool.preparedQuery("SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p")
                .execute(Tuple.of(channel, payloads.toArray(String[]::new))).replaceWithVoid();
    }

    /**
     * How often progress streams re-read a job as a backstop: {@code app.jobs.stream-recheck}, else a kind's deprecated
     * key (read only when the new one is absent; its name is logged so it can be replaced), else 30 s.
     */
    public Duration streamRecheck(Optional<Duration> deprecated, String deprecatedKey) {
        if (streamRecheck.isPresent()) {
            return streamRecheck.get();
        }
        if (deprecated.isPresent()) {
            LOG.warnf("%s is deprecated: set app.jobs.stream-recheck (APP_JOBS_STREAM_RECHECK) instead", deprecatedKey);
            return deprecated.get();
        }
        return DEFAULT_STREAM_RECHECK;
    }

    // under the lock
    private void start(String name, Channel ch) {
        boolean first = subscriber == null;
        if (first) {
            subscriber = PgSubscriber.subscriber(vertx, options()).reconnectPolicy(this::afterLoss);
        }
        PgChannel channel = subscriber.channel(name);
        // the subscribe handler first: it runs after each LISTEN of this channel, the first and every reconnect's
        channel.subscribeHandler(() -> listening(ch));
        channel.handler(payload -> ch.registrations.forEach(r -> deliver(r, payload)));
        if (first) {
            connect(0); // later channels join it: LISTENed at once when connected, else at the (re)connect
        }
    }

    private static void deliver(Registration r, String payload) {
        try {
            r.onNotification().accept(payload);
        } catch (RuntimeException e) {
            LOG.warnf(e, "A notification handler failed (the backstop re-read catches up)");
        }
    }

    private void listening(Channel ch) {
        List<Registration> now;
        synchronized (this) {
            ch.listening = true;
            if (lost) {
                lost = false;
                LOG.info("LISTEN connection to PostgreSQL is back; streams and workers re-read once");
            }
            now = new ArrayList<>(ch.registrations);
        }
        for (Registration r : now) {
            try {
                r.onListening().run();
            } catch (RuntimeException e) {
                LOG.warnf(e, "A LISTEN resync failed (the backstop re-read catches up)");
            }
        }
    }

    /**
     * The subscriber's reconnect policy: {@code attempt} 0 means the connection just dropped (a database restart, a
     * terminated backend). Answers the delay before the next attempt: doubling, capped, never giving up.
     */
    private Long afterLoss(Integer attempt) {
        synchronized (this) {
            if (closed) {
                return -1L;
            }
            if (attempt == 0) {
                channels.values().forEach(ch -> ch.listening = false);
                if (!lost) {
                    lost = true;
                    LOG.warn("Lost the LISTEN connection to PostgreSQL; reconnecting (until then, changes made by "
                            + "other instances are found by the slower re-reads and scans)");
                }
            }
        }
        return backoff(attempt);
    }

    static long backoff(int attempt) {
        return Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(attempt, 20));
    }

    /** The first connection; the subscriber only reconnects a connection it once had, so failures here retry here. */
    private void connect(int attempt) {
        PgSubscriber s;
        synchronized (this) {
            if (closed) {
                return;
            }
            s = subscriber;
        }
        s.connect().subscribe().with(ok -> LOG.debug("LISTEN connection to PostgreSQL open"), failure -> {
            if (attempt == 0) {
                LOG.warnf("Cannot open the LISTEN connection to PostgreSQL (%s); retrying (until then, changes made by "
                        + "other instances are found by the slower re-reads and scans)", failure.getMessage());
            }
            synchronized (this) {
                lost = true;
            }
            // a failed first connect leaves the subscriber open but unconnected: close it so connect() starts again
            s.close().subscribe().with(v -> vertx.setTimer(backoff(attempt), t -> connect(attempt + 1)),
                    e -> vertx.setTimer(backoff(attempt), t -> connect(attempt + 1)));
        });
    }

    /** The reactive pool's own settings (URL, user, password); the password is never logged. */
    private PgConnectOptions options() {
        String first = url.map(u -> u.split(",")[0].strip()).orElseThrow(() -> new IllegalStateException(
                "quarkus.datasource.reactive.url is not set: set QUARKUS_DATASOURCE_REACTIVE_URL"));
        PgConnectOptions options = PgConnectOptions.fromUri(first);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return options;
    }

    void stop(@Observes ShutdownEvent event) {
        PgSubscriber s;
        synchronized (this) {
            closed = true;
            s = subscriber;
        }
        if (s != null) {
            s.close().subscribe().with(v -> { }, e -> LOG.debugf("closing the LISTEN connection: %s", e.getMessage()));
        }
    }
}
