package io.cxone.themes.publish;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.jobs.JobSignals;
import io.cxone.themes.jobs.ProgressStream;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * State changes of publications as streams ({@link ProgressStream}): each state appears once, in order; pushed at once
 * for jobs this instance runs, re-read once per change notified by another instance.
 */
@ApplicationScoped
class PublicationEvents {
    private final ProgressStream<Publication> streams;
    private final Pool pool;
    private final PublicationRepository repository;

    PublicationEvents(Pool pool, PublicationRepository repository, Vertx vertx, PublishConfig config,
            JobSignals signals) {
        this.pool = pool;
        this.repository = repository;
        // the terminal states share the last rank: a stream never shows a state after any of them
        this.streams = new ProgressStream<>(vertx, signals, PublicationKind.TABLE,
                signals.streamRecheck(config.eventsRecheck(), "app.publish.events-recheck"),
                p -> p.progress().state().terminal(),
                (last, next) -> next.progress().state().rank() > last.progress().state().rank());
    }

    void publish(Publication p) {
        streams.push(p.request().id(), p);
    }

    /** The current state first, then every later state; completes after a terminal state (ACTIVE, FAILED, REJECTED, EXPIRED). */
    Multi<Publication> stream(UUID id) {
        return streams.stream(id, () -> repository.find(pool, id).map(found -> found.map(PublicationJob::view)));
    }
}
