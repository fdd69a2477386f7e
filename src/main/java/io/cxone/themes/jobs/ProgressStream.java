package io.cxone.themes.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A job's progress as a stream (the SSE endpoints): its current state first, then each later one, ending with the
 * terminal one. Changes made on this instance are pushed at once ({@link #push}); changes made by any instance are
 * notified on {@link JobSignals#JOB_CHANGED}, and then the job is re-read once for this instance, however many streams
 * of it are open (notifications arriving during that read are coalesced into one more read after it). A slow backstop
 * re-read per job ({@code recheck}) and one after each reconnect of the LISTEN connection catch what a notification
 * could not carry. An unknown id is a 404 before the stream starts: the endpoint is marked
 * {@link io.cxone.themes.web.KnownId}, since once the 200 is sent a failure can no longer be one.
 *
 * @param <T> the job's view
 */
public final class ProgressStream<T> {
    /** How the stream hears of changes: {@link JobSignals#listen}, or a test's fake. */
    interface Listen {
        JobSignals.Subscription listen(String channel, Consumer<String> onNotification, Runnable onListening);
    }

    private final Map<UUID, Watched> watched = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final Listen signals;
    private final String prefix;
    private final Duration recheck;
    private final Predicate<T> terminal;
    private final BiPredicate<T, T> news;
    private final AtomicBoolean listening = new AtomicBoolean();

    /**
     * {@code news(last, next)}: whether {@code next} is worth sending after {@code last} (e.g. a later state);
     * {@code recheck}: the backstop re-read of each watched job ({@link JobSignals#streamRecheck}).
     */
    public ProgressStream(Vertx vertx, JobSignals signals, JobTable table, Duration recheck, Predicate<T> terminal,
            BiPredicate<T, T> news) {
        this(vertx, signals::listen, table, recheck, terminal, news);
    }

    ProgressStream(Vertx vertx, Listen signals, JobTable table, Duration recheck, Predicate<T> terminal,
            BiPredicate<T, T> news) {
        this.vertx = vertx;
        this.signals = signals;
        this.prefix = table.name() + ":";
        this.recheck = recheck;
        this.terminal = terminal;
        this.news = news;
    }

    /** A change this instance just stored: to every stream of {@code id} on this instance, now. */
    public void push(UUID id, T item) {
        Watched w = watched.get(id);
        if (w != null) {
            w.offer(item);
        }
    }

    /** The stream of {@code id}; {@code read} answers the job as stored (empty: it does not exist). */
    public Multi<T> stream(UUID id, Supplier<Uni<Optional<T>>> read) {
        listenOnce();
        return Multi.createFrom().emitter(emitter -> {
            Object lock = new Object();
            @SuppressWarnings("unchecked")
            T[] last = (T[]) new Object[1];
            Consumer<T> offer = item -> {
                synchronized (lock) {
                    if (emitter.isCancelled() || last[0] != null && (terminal.test(last[0]) || !news.test(last[0], item))) {
                        return; // a re-read that found nothing new, or a push the re-read already delivered
                    }
                    last[0] = item;
                    emitter.emit(item);
                    if (terminal.test(item)) {
                        emitter.complete();
                    }
                }
            };
            watched.compute(id, (k, w) -> {
                Watched now = w == null ? new Watched(read) : w;
                now.streams.add(offer);
                return now;
            });
            emitter.onTermination(() -> watched.computeIfPresent(id, (k, w) -> {
                w.streams.remove(offer);
                if (w.streams.isEmpty()) {
                    vertx.cancelTimer(w.timer);
                    return null;
                }
                return w;
            }));
            // watched before this first read, so no change can fall between the read and the notifications
            read.get().subscribe().with(found -> found.ifPresentOrElse(offer,
                    () -> emitter.fail(new IllegalStateException("job " + id + " vanished"))), emitter::fail);
        });
    }

    /** The first stream starts listening (an instance nobody streams from opens no LISTEN connection for it). */
    private void listenOnce() {
        if (listening.compareAndSet(false, true)) {
            signals.listen(JobSignals.JOB_CHANGED, this::changed, () -> watched.values().forEach(Watched::refresh));
        }
    }

    private void changed(String payload) {
        if (!payload.startsWith(prefix)) {
            return; // another kind's job
        }
        UUID id;
        try {
            id = UUID.fromString(payload.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            return; // not ours to judge: the backstop re-read still runs
        }
        Watched w = watched.get(id);
        if (w != null) {
            w.refresh();
        }
    }

    /** The open streams of one job on this instance, and its one shared re-read. */
    private final class Watched {
        final List<Consumer<T>> streams = new CopyOnWriteArrayList<>();
        final Supplier<Uni<Optional<T>>> read;
        final long timer;
        private boolean reading; // guarded by this
        private boolean again; // guarded by this: a change was notified while reading

        Watched(Supplier<Uni<Optional<T>>> read) {
            this.read = read;
            this.timer = vertx.setPeriodic(recheck.toMillis(), t -> refresh());
        }

        void offer(T item) {
            streams.forEach(s -> s.accept(item));
        }

        /** Re-reads the job once for every stream; a call during a read asks for one more read after it. */
        void refresh() {
            synchronized (this) {
                if (reading) {
                    again = true; // the read in flight may have started before the change committed
                    return;
                }
                reading = true;
            }
            Uni<Optional<T>> next;
            try {
                next = read.get();
            } catch (RuntimeException e) {
                done();
                return;
            }
            next.subscribe().with(found -> {
                found.ifPresent(this::offer);
                done();
            }, failure -> done()); // the next notification or the backstop tries again
        }

        private void done() {
            boolean more;
            synchronized (this) {
                reading = false;
                more = again;
                again = false;
            }
            if (more) {
                refresh();
            }
        }
    }
}
