package io.cxone.themes.publish;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.jobs.JobKind;
import io.cxone.themes.jobs.JobTable;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.jobs.Next;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Publications as jobs of the engine: a job is runnable when unfinished and due; a unit of work is one step (submit
 * or poll, {@link PublicationJob}), after which the job waits here, on a timer and under its lease, for its next step.
 */
@ApplicationScoped
class PublicationJobKind implements JobKind<PublicationTask> {
    static final JobTable TABLE = new JobTable("publications", "publication",
            "state IN ('QUEUED', 'SUBMITTED', 'ACTIVATING') AND next_run_at <= now()", "next_run_at", "");

    private final PublicationJob job;
    private final PublishConfig config;

    PublicationJobKind(PublicationJob job, PublishConfig config) {
        this.job = job;
        this.config = config;
    }

    @Override
    public JobTable table() {
        return TABLE;
    }

    @Override
    public PublicationTask claimed(Row row) {
        return PublicationRepository.map(row);
    }

    @Override
    public Duration lease() {
        return config.lease();
    }

    @Override
    public Duration scanInterval() {
        return config.scanInterval();
    }

    @Override
    public int claimBatch() {
        return config.claimBatch();
    }

    @Override
    public int maxHeld() {
        return Integer.MAX_VALUE; // a held publication mostly waits for its next poll: holding many costs a timer each
    }

    @Override
    public String spanName(PublicationTask p) {
        return "publication.step " + p.state();
    }

    @Override
    public Uni<Next<PublicationTask>> run(PublicationTask p, Lease lease) {
        return job.step(p, lease).map(next -> next.state().terminal() ? Next.done()
                : Next.again(next, Duration.between(Instant.now(), next.nextRunAt())));
    }
}
