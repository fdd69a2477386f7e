package io.cxone.themes.publish;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.jobs.ProgressStream;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * State changes of publications as streams ({@link ProgressStream}): each state appears once, in order; pushed at once
 * for jobs this instance runs, re-read every {@code app.publish.events-recheck} for jobs another instance runs.
 */
@ApplicationScoped
class PublicationEvents {
    private final ProgressStream<Publication> streams;
    private final Pool pool;
    private final PublicationRepository repository;

    PublicationEvents(Pool pool, PublicationRepository repository, Vertx vertx, PublishConfig config) {
        this.pool = pool;
        this.repository = repository;
        // ACTIVE and FAILED share the last rank: a stream never shows a state after either
        this.streams = new ProgressStream<>(vertx, config.eventsRecheck(), p -> p.progress().state().terminal(),
                (last, next) -> next.progress().state().rank() > last.progress().state().rank());
    }

    void publish(Publication p) {
        streams.push(p.request().id(), p);
    }

    /** The current state first, then every later state; completes after ACTIVE or FAILED. */
    Multi<Publication> stream(UUID id) {
        return streams.stream(id, () -> repository.find(pool, id).map(found -> found.map(PublicationJob::view)));
    }
}
