package io.cxone.themes.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A job's progress as a stream (the SSE endpoints): its current state first, then each later one, ending with the
 * terminal one. Changes made on this instance are pushed at once ({@link #push}); changes made by another instance are
 * found by re-reading the job every {@code every}. An unknown id is a 404 before the stream starts: the endpoint is
 * marked {@link io.cxone.themes.web.KnownId}, since once the 200 is sent a failure can no longer be one.
 *
 * @param <T> the job's view
 */
public final class ProgressStream<T> {
    private final Map<UUID, List<Consumer<T>>> listeners = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final Duration every;
    private final Predicate<T> terminal;
    private final BiPredicate<T, T> news;

    /** {@code news(last, next)}: whether {@code next} is worth sending after {@code last} (e.g. a later state). */
    public ProgressStream(Vertx vertx, Duration every, Predicate<T> terminal, BiPredicate<T, T> news) {
        this.vertx = vertx;
        this.every = every;
        this.terminal = terminal;
        this.news = news;
    }

    /** A change this instance just stored: to every stream of {@code id} on this instance, now. */
    public void push(UUID id, T item) {
        List<Consumer<T>> subscribers = listeners.get(id);
        if (subscribers != null) {
            subscribers.forEach(s -> s.accept(item));
        }
    }

    /** The stream of {@code id}; {@code read} answers the job as stored (empty: it does not exist). */
    public Multi<T> stream(UUID id, Supplier<Uni<Optional<T>>> read) {
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
            listeners.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(offer);
            long timer = vertx.setPeriodic(every.toMillis(), t -> read.get().subscribe().with(found -> found.ifPresent(offer),
                    failure -> { /* the next re-read tries again */ }));
            emitter.onTermination(() -> {
                vertx.cancelTimer(timer);
                listeners.computeIfPresent(id, (k, list) -> {
                    list.remove(offer);
                    return list.isEmpty() ? null : list;
                });
            });
            // subscribed before this first read, so no change can fall between the read and the subscription
            read.get().subscribe().with(found -> found.ifPresentOrElse(offer,
                    () -> emitter.fail(new IllegalStateException("job " + id + " vanished"))), emitter::fail);
        });
    }
}
