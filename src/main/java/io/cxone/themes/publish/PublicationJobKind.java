package io.cxone.themes.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.jobs.JobKind;
import io.cxone.themes.jobs.JobTable;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.jobs.Next;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publications as jobs of the engine: a job is runnable when unfinished and due; a unit of work is one step (submit
 * or poll, {@link PublicationJob}), after which the job waits here, on a timer and under its lease, for its next step.
 */
@ApplicationScoped
class PublicationJobKind implements JobKind<PublicationTask> {
    static final JobTable TABLE = new JobTable("publications", "publication",
            "state IN ('QUEUED', 'SUBMITTED', 'ACTIVATING')", "run_at", "");

    private final PublicationJob job;
    private final PublicationJobSettings settings;

    PublicationJobKind(PublicationJob job, PublicationJobSettings settings) {
        this.job = job;
        this.settings = settings;
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
    public PublicationJobSettings settings() {
        return settings;
    }

    @Override
    public Uni<Void> giveUp(SqlClient tx, UUID id, String reason) {
        return tx.preparedQuery("UPDATE publications SET state = 'FAILED', failure_reason = $2, finished_at = now(), "
                + "updated_at = now() WHERE id = $1").execute(Tuple.of(id, reason)).replaceWithVoid();
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
