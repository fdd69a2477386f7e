package io.cxone.themes.publish;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * State changes of publications as streams: pushed at once for jobs this instance runs, and re-read from the
 * database every {@code app.publish.events-recheck} for jobs another instance runs. Each state appears once, in order.
 */
@ApplicationScoped
class PublicationEvents {
    private final Map<UUID, List<Consumer<Publication>>> listeners = new ConcurrentHashMap<>();
    private final Pool pool;
    private final PublicationRepository repository;
    private final Vertx vertx;
    private final PublishConfig config;

    PublicationEvents(Pool pool, PublicationRepository repository, Vertx vertx, PublishConfig config) {
        this.pool = pool;
        this.repository = repository;
        this.vertx = vertx;
        this.config = config;
    }

    void publish(Publication p) {
        List<Consumer<Publication>> subscribers = listeners.get(p.id());
        if (subscribers != null) {
            subscribers.forEach(s -> s.accept(p));
        }
    }

    /** The current state first, then every later state; completes after ACTIVE or FAILED. */
    Multi<Publication> stream(UUID id) {
        return Multi.createFrom().emitter(emitter -> {
            int[] lastRank = { -1 };
            Consumer<Publication> offer = p -> {
                synchronized (lastRank) {
                    if (emitter.isCancelled() || p.state().rank() <= lastRank[0]) {
                        return; // a re-read that found nothing new, or a push the re-read already delivered
                    }
                    lastRank[0] = p.state().rank();
                    emitter.emit(p);
                    if (p.state().terminal()) {
                        emitter.complete();
                    }
                }
            };
            listeners.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(offer);
            long timer = vertx.setPeriodic(config.eventsRecheck().toMillis(), t -> reread(id, offer));
            emitter.onTermination(() -> {
                vertx.cancelTimer(timer);
                listeners.computeIfPresent(id, (k, list) -> {
                    list.remove(offer);
                    return list.isEmpty() ? null : list;
                });
            });
            // subscribed before this first read, so no change can fall between the read and the subscription
            repository.find(pool, id).subscribe().with(found -> found.ifPresentOrElse(offer,
                    () -> emitter.fail(PublicationService.notFound(id))), emitter::fail);
        });
    }

    private void reread(UUID id, Consumer<Publication> offer) {
        repository.find(pool, id).subscribe().with(found -> found.ifPresent(offer), failure -> {
            // the next re-read tries again
        });
    }
}
