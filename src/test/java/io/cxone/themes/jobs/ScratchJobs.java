package io.cxone.themes.jobs;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.cxone.themes.support.Db;
import io.cxone.themes.support.Waits;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The engine on its own: a scratch job table (made here, dropped on close), a fake {@link JobKind} on it whose units
 * and failure state each test scripts, and {@link Worker}s driven directly over a Vert.x pool to the test run's
 * PostgreSQL (the embedded server the {@code @QuarkusTest}s share, started here if none runs yet). No CDI: a fake kind
 * registered as a bean would run in every {@code @QuarkusTest}'s engine.
 */
final class ScratchJobs implements AutoCloseable {
    /** The kind's own columns (state, payload, steps, outcome, claims) beside the engine's (JobTable). */
    private static final String COLUMNS = "id uuid PRIMARY KEY, state text NOT NULL DEFAULT 'QUEUED', payload text, "
            + "steps int NOT NULL DEFAULT 0, outcome text, claims int NOT NULL DEFAULT 0, "
            + "created_at timestamptz NOT NULL DEFAULT clock_timestamp(), lease_owner text, lease_until timestamptz, "
            + "run_at timestamptz NOT NULL DEFAULT now(), failed_attempts int NOT NULL DEFAULT 0, last_failure text";
    /** A payload {@link Kind#claimed} cannot read. */
    static final String POISON = "poison";

    final PgConnectOptions connect = connectOptions();
    final Vertx vertx = Vertx.vertx();
    final Pool pool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(connect)
            .using(vertx).build());
    final JobTable table = new JobTable("scratch_jobs_" + UUID.randomUUID().toString().replace("-", "")
            .substring(0, 16), "scratch", "state = 'QUEUED'", "created_at, id", "claims = claims + 1");
    private final JobTracing untraced = new JobTracing(OpenTelemetry.noop().getTracer("scratch"), vertx, true);
    private final List<Running> running = new CopyOnWriteArrayList<>();

    ScratchJobs() {
        sql("CREATE TABLE " + table.name() + " (" + COLUMNS + ")");
    }

    /** Engine settings in milliseconds, so that leases lapse and retries come back within a test. */
    record Settings(Duration lease, Duration scan, int batch, int maxHeld, Optional<Integer> maxAttempts,
            Optional<Duration> retryBase, Optional<Duration> retryMax) implements JobSettings {

        static Settings of(Duration lease) {
            return new Settings(lease, Duration.ofMillis(100), 4, 8, Optional.empty(), Optional.empty(),
                    Optional.empty());
        }

        Settings held(int batch, int maxHeld) {
            return new Settings(lease, scan, batch, maxHeld, maxAttempts, retryBase, retryMax);
        }
    }

    /** A job of the fake kind, as claimed. */
    record Job(UUID id, String payload) {
    }

    /** One call of {@link Kind#run}: which job, by which owner, its how-many-th call of the kind. */
    record Run(UUID id, String owner, int call, Lease lease) {
    }

    /** The fake kind: the test scripts its units; its failure state is {@code state = 'GAVE_UP'} with the reason. */
    final class Kind implements JobKind<Job> {
        private final JobSettings settings;
        private final BiFunction<Run, Job, Uni<Next<Job>>> unit;
        private final boolean giveUpFails;
        final List<Run> runs = new CopyOnWriteArrayList<>();
        final List<String> gaveUp = new CopyOnWriteArrayList<>();

        Kind(JobSettings settings, BiFunction<Run, Job, Uni<Next<Job>>> unit, boolean giveUpFails) {
            this.settings = settings;
            this.unit = unit;
            this.giveUpFails = giveUpFails;
        }

        @Override
        public JobTable table() {
            return table;
        }

        @Override
        public JobSettings settings() {
            return settings;
        }

        @Override
        public Job claimed(Row row) {
            String payload = row.getString("payload");
            if (POISON.equals(payload)) {
                throw new IllegalArgumentException("unreadable payload");
            }
            return new Job(row.getUUID("id"), payload);
        }

        @Override
        public Uni<Next<Job>> run(Job job, Lease lease) {
            Run run = new Run(job.id(), lease.owner(), runs.size() + 1, lease);
            runs.add(run);
            return unit.apply(run, job);
        }

        @Override
        public Uni<Void> giveUp(SqlClient tx, UUID id, String reason) {
            gaveUp.add(reason);
            Uni<Void> write = tx.preparedQuery("UPDATE " + table.name() + " SET state = 'GAVE_UP', outcome = $2 "
                    + "WHERE id = $1").execute(Tuple.of(id, reason)).replaceWithVoid();
            // a failing statement leaves the transaction aborted: the engine must still be able to park the row
            return giveUpFails ? write.chain(() -> tx.query("SELECT 1 / 0").execute()).replaceWithVoid() : write;
        }

        List<Run> runsOf(UUID id) {
            return runs.stream().filter(r -> r.id().equals(id)).toList();
        }
    }

    Kind kind(JobSettings settings, BiFunction<Run, Job, Uni<Next<Job>>> unit) {
        return new Kind(settings, unit, false);
    }

    Kind kindWhoseGiveUpFails(JobSettings settings, BiFunction<Run, Job, Uni<Next<Job>>> unit) {
        return new Kind(settings, unit, true);
    }

    /** A started worker as the engine makes one, with its own owner name, count of work in flight and metrics. */
    record Running(Worker<Job> worker, String owner, InFlight inFlight, MeterRegistry registry) {
        double failedAttempts() {
            return registry.get("jobs.attempts.failed").tag("kind", "scratch").counter().count();
        }

        double givenUp() {
            return registry.get("jobs.given.up").tag("kind", "scratch").counter().count();
        }
    }

    Running start(Kind kind, String owner, Backoff backoff) {
        InFlight inFlight = new InFlight();
        MeterRegistry registry = new SimpleMeterRegistry();
        Worker<Job> worker = new Worker<>(kind, backoff, owner, pool, vertx, untraced, inFlight, registry);
        Running r = new Running(worker, owner, inFlight, registry);
        running.add(r);
        worker.start();
        return r;
    }

    /** A failure policy whose jitter is fixed: the delays are known in advance. */
    static Backoff backoff(int maxAttempts, Duration base, Duration max) {
        return new Backoff(maxAttempts, base, max, () -> 0.5);
    }

    static Backoff neverRetried() {
        return backoff(8, Duration.ofHours(1), Duration.ofHours(1));
    }

    UUID insert(String payload) {
        UUID id = UUID.randomUUID();
        sql("INSERT INTO " + table.name() + " (id, payload) VALUES ('" + id + "', "
                + (payload == null ? "NULL" : "'" + payload + "'") + ")");
        return id;
    }

    /** A job that already failed {@code failures} times (so a lifecycle operation's reset shows). */
    UUID insertFailed(int failures) {
        UUID id = insert(null);
        sql("UPDATE " + table.name() + " SET failed_attempts = " + failures + ", last_failure = 'earlier failure' "
                + "WHERE id = '" + id + "'");
        return id;
    }

    /** A job's row as stored now, with the database's clock. */
    record Stored(String state, int steps, String outcome, int claims, String leaseOwner, OffsetDateTime leaseUntil,
            OffsetDateTime runAt, boolean parked, int failedAttempts, String lastFailure, OffsetDateTime dbNow) {

        static Stored of(Row r) {
            return new Stored(r.getString("state"), r.getInteger("steps"), r.getString("outcome"),
                    r.getInteger("claims"), r.getString("lease_owner"), r.getOffsetDateTime("lease_until"),
                    r.getOffsetDateTime("due"), r.getBoolean("parked"), r.getInteger("failed_attempts"),
                    r.getString("last_failure"), r.getOffsetDateTime("db_now"));
        }

        boolean free() {
            return leaseOwner == null && leaseUntil == null;
        }
    }

    private String storedQuery() {
        return "SELECT *, NULLIF(run_at, 'infinity') AS due, run_at = 'infinity' AS parked, now() AS db_now FROM "
                + table.name() + " WHERE id = $1";
    }

    Stored stored(UUID id) {
        return await(stored(pool, id));
    }

    /** The row as {@code client} (a unit's transaction) sees it. */
    Uni<Stored> stored(SqlClient client, UUID id) {
        return client.preparedQuery(storedQuery()).execute(Tuple.of(id)).map(rows -> Stored.of(rows.iterator().next()));
    }

    Stored until(UUID id, String what, java.util.function.Predicate<Stored> done) {
        return Waits.until("job " + id + ": " + what, () -> stored(id), done);
    }

    /** The kind's own write inside a unit: one more step done. */
    Uni<Void> step(SqlClient tx, UUID id) {
        return tx.preparedQuery("UPDATE " + table.name() + " SET steps = steps + 1 WHERE id = $1").execute(Tuple.of(id))
                .replaceWithVoid();
    }

    /** One more step, fenced, in a transaction of its own (fails with {@link LostLease} once the job is not ours). */
    Uni<Void> fencedStep(Run run) {
        return pool.withTransaction(tx -> run.lease().fence(tx).chain(() -> step(tx, run.id())));
    }

    /** A unit that finishes the job: fenced, its terminal state, {@link Lease#complete} in the same transaction. */
    Uni<Next<Job>> finish(Run run) {
        return pool.withTransaction(tx -> run.lease().fence(tx).chain(() -> step(tx, run.id()))
                .chain(() -> tx.preparedQuery("UPDATE " + table.name() + " SET state = 'DONE', outcome = $2 "
                        + "WHERE id = $1").execute(Tuple.of(run.id(), run.owner())))
                .chain(() -> run.lease().<Job>complete(tx)));
    }

    void sql(String statement) {
        await(pool.query(statement).execute());
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Waits.PATIENCE);
    }

    @Override
    public void close() {
        List<Running> all = new ArrayList<>(running);
        Collections.reverse(all);
        for (Running r : all) {
            r.worker().stopClaiming();
        }
        try {
            sql("DROP TABLE IF EXISTS " + table.name());
        } finally {
            await(pool.close());
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** The test database's address and credentials, as the service's own config source finds (or starts) it. */
    private static PgConnectOptions connectOptions() {
        ConfigSource source = Db.testDatasource();
        return PgConnectOptions.fromUri(source.getValue("quarkus.datasource.reactive.url"))
                .setUser(source.getValue("quarkus.datasource.username"))
                .setPassword(source.getValue("quarkus.datasource.password"));
    }

}
