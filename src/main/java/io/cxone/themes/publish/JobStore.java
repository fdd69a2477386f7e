package io.cxone.themes.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.jobs.ThisInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Saves a job's progress under its lease, with the audit event of the change in the same transaction. */
@ApplicationScoped
class JobStore {
    /** Another instance holds the job now (our lease ran out): stop working on it. */
    static final class LostLease extends RuntimeException {
        LostLease(UUID id) {
            super("lease on publication " + id + " lost", null, false, false);
        }
    }

    private final Pool pool;
    private final PublicationRepository repository;
    private final AuditLog audit;
    private final PublicationEvents events;
    private final PublishConfig config;
    private final String owner;

    JobStore(Pool pool, PublicationRepository repository, AuditLog audit, PublicationEvents events, PublishConfig config,
            ThisInstance instance) {
        this.owner = instance.owner();
        this.pool = pool;
        this.repository = repository;
        this.audit = audit;
        this.events = events;
        this.config = config;
    }

    /** Read through this method: a field read on the CDI client proxy would see the proxy's own (null) field. */
    String owner() {
        return owner;
    }

    Uni<Publication> save(Publication next) {
        return save(next, null);
    }

    /** Saves {@code next}; a terminal state releases the lease. The event (if any) is appended last. */
    Uni<Publication> save(Publication next, AuditEntry entry) {
        Instant now = Instant.now();
        Instant runAt = next.nextRunAt() == null || next.nextRunAt().isBefore(now) ? now : next.nextRunAt();
        // held until the next step is due plus a lease, counted on the database's clock (the delay is relative)
        Duration lease = next.state().terminal() ? null : Duration.between(now, runAt).plus(config.lease());
        Caller system = Caller.system(next.requestId());
        return pool.withTransaction(tx -> repository.save(tx, next, owner, lease).chain(saved -> {
            Publication p = saved.orElseThrow(() -> new LostLease(next.id()));
            return entry == null ? Uni.createFrom().item(p) : audit.append(tx, system, entry).replaceWith(p);
        })).invoke(events::publish);
    }
}
