package io.cxone.themes.publish;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.cxone.CxoneErrors;
import io.cxone.themes.cxone.CxoneException.Rejected;
import io.cxone.themes.jobs.JobKind;
import io.cxone.themes.jobs.JobTable;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.jobs.Next;
import io.cxone.themes.publish.PublicationSteps.Outcome;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Publications as jobs of the engine: a job runs while unfinished and due; a unit of work is one step — submit
 * (QUEUED) or poll (SUBMITTED, ACTIVATING) — decided by {@link PublicationSteps} and stored by
 * {@link PublicationStore}; between steps the job is held here, on a timer. A step stores its progress before and
 * after the CXone call, so a job resumed anywhere repeats at most the call that was in flight, and a repeated submit
 * reuses the stored id and tag. CXone trouble that outlasts the client's own retries fails the step: the engine tries
 * it again after a backoff, and after the last attempt gives the publication up as FAILED. A publication that waits
 * (PENDING_APPROVAL, SCHEDULED) is a job due when its wait ends, so the engine's {@code run_at} is its only timer: a
 * pending one claimed at its deadline expires, a scheduled one claimed at its start is released (QUEUED) and submitted.
 */
@ApplicationScoped
class PublicationKind implements JobKind<PublicationJob> {
    static final JobTable TABLE = new JobTable("publications", "publication",
            // a PENDING_APPROVAL row is due at its approvals' deadline (then it expires), a SCHEDULED one at its start
            "state IN ('PENDING_APPROVAL', 'SCHEDULED', 'QUEUED', 'SUBMITTED', 'ACTIVATING')", "run_at", "")
            .withStateGauge("publications.jobs", Arrays.stream(Publication.State.values()).map(Enum::name).toList());

    private final PublicationSteps steps;
    private final PublicationStore store;
    private final CxoneThemes cxone;
    private final PublicationJobSettings settings;

    PublicationKind(PublicationSteps steps, PublicationStore store, CxoneThemes cxone,
            PublicationJobSettings settings) {
        this.steps = steps;
        this.store = store;
        this.cxone = cxone;
        this.settings = settings;
    }

    @Override
    public Uni<Next<PublicationJob>> run(PublicationJob job, Lease lease) {
        Optional<Outcome> overdue = steps.overdue(job);
        if (overdue.isPresent()) {
            return store.record(lease, overdue.get());
        }
        Optional<java.time.Duration> early = steps.early(job);
        if (early.isPresent()) {
            return store.waitFor(lease, early.get());
        }
        if (job.state() == Publication.State.SCHEDULED) {
            return store.record(lease, steps.released(job));
        }
        return (job.state() == Publication.State.QUEUED ? submit(job, lease) : poll(job))
                .chain(outcome -> store.record(lease, outcome));
    }

    @Override
    public JobTable table() {
        return TABLE;
    }

    @Override
    public PublicationJob claimed(Row row) {
        return PublicationRepository.map(row);
    }

    @Override
    public Uni<Void> giveUp(SqlClient tx, UUID id, String reason) {
        return store.giveUp(tx, id, reason);
    }

    @Override
    public PublicationJobSettings settings() {
        return settings;
    }

    @Override
    public String spanName(PublicationJob job) {
        return "publication.step " + job.state();
    }

    private Uni<Outcome> submit(PublicationJob job, Lease lease) {
        return store.save(lease, steps.attempted(job)).chain(saved -> cxone.submit(saved)
                .map(created -> steps.submitted(saved, false))
                .onFailure(Rejected.class).recoverWithUni(e -> refused(saved, (Rejected) e)));
    }

    private Uni<Outcome> refused(PublicationJob job, Rejected e) {
        if (e.code() != 409) {
            // CXone's field errors only, cleaned; never its raw body
            return Uni.createFrom().item(steps.refused(job, e.code(), CxoneErrors.summary(e.body())));
        }
        // ours after all when an earlier answer was lost; otherwise the tag belongs to another theme
        return cxone.status(job).map(status -> steps.submitted(job, true))
                .onFailure(f -> f instanceof Rejected r && r.code() == 404).recoverWithItem(() -> steps.tagTaken(job));
    }

    private Uni<Outcome> poll(PublicationJob job) {
        Instant sent = steps.now();
        return cxone.status(job).map(status -> steps.polled(job, status, sent));
    }
}
