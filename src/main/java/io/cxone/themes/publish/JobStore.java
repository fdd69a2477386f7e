package io.cxone.themes.publish;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.jobs.Lease;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Saves a publication job's progress under its lease, with the audit event of the change in the same transaction. */
@ApplicationScoped
class JobStore {
    private final Pool pool;
    private final PublicationRepository repository;
    private final AuditLog audit;
    private final PublicationEvents events;
    private final PublicationJobSettings config;
    private final PublicationMetrics metrics;

    JobStore(Pool pool, PublicationRepository repository, AuditLog audit, PublicationEvents events, PublicationJobSettings config,
            PublicationMetrics metrics) {
        this.metrics = metrics;
        this.pool = pool;
        this.repository = repository;
        this.audit = audit;
        this.events = events;
        this.config = config;
    }

    Uni<PublicationTask> save(Lease lease, PublicationTask next) {
        return save(lease, next, null);
    }

    /**
     * Saves {@code next} if we still hold its lease (else fails with {@link io.cxone.themes.jobs.LostLease}); a terminal
     * state releases the lease. The event (if any) is appended in the same transaction.
     */
    Uni<PublicationTask> save(Lease lease, PublicationTask next, AuditEntry entry) {
        Instant now = Instant.now();
        Instant runAt = next.nextRunAt() == null || next.nextRunAt().isBefore(now) ? now : next.nextRunAt();
        // held until the next step is due plus a lease, counted on the database's clock (the delay is relative)
        Duration hold = next.state().terminal() ? null : Duration.between(now, runAt).plus(config.lease());
        Caller system = Caller.system(next.request().requestId());
        return pool.withTransaction(tx -> lease.fence(tx).chain(() -> repository.save(tx, next, hold))
                .chain(saved -> entry == null ? Uni.createFrom().item(saved)
                        : audit.append(tx, system, entry).replaceWith(saved)))
                .invoke(saved -> events.publish(saved.view())).invoke(saved -> metrics.saved(saved.view()));
    }
}
