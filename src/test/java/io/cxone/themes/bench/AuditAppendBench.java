package io.cxone.themes.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * bench/audit-append.sh: the audit writer alone ({@link AuditLog#append} in its own transaction, as every change
 * does) against a fresh embedded PostgreSQL, with N concurrent writers for a fixed time; then the chain is checked.
 * Not a test: run by the script with the test classpath.
 */
public final class AuditAppendBench {
    public static void main(String[] args) throws Exception {
        int writers = Integer.parseInt(args.length > 0 ? args[0] : "32");
        int seconds = Integer.parseInt(args.length > 1 ? args[1] : "20");
        Path dir = Files.createTempDirectory("audit-append-bench");
        try (var pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setDataDirectory(dir).start()) {
            String jdbc = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement()) {
                s.execute(Files.readString(Path.of("src/main/resources/db/migration/V1__themes_versions_audit.sql")));
            }
            Vertx vertx = Vertx.vertx();
            Pool pool = Pool.pool(vertx, new PgConnectOptions().setHost("localhost").setPort(pg.getPort())
                    .setDatabase("postgres").setUser("postgres"), new PoolOptions().setMaxSize(20));
            AuditLog log = new AuditLog();
            ObjectMapper json = new ObjectMapper();
            AtomicLong appended = new AtomicLong();
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            CountDownLatch done = new CountDownLatch(writers);
            for (int w = 0; w < writers; w++) {
                Caller caller = new Caller("bench-writer-" + w, "bench");
                ObjectNode details = json.createObjectNode().put("name", "Bench").put("version", 1);
                loop(pool, log, caller, new AuditEntry("theme.updated", "success", "t-" + w, null, null, null, details),
                        appended, deadline, done);
            }
            done.await();
            double rate = appended.get() / (double) seconds;
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*), max(seq), count(DISTINCT prev_hash) FROM audit_events")) {
                rs.next();
                System.out.printf("| %d writers, %d s | %d events | %.0f events/s | count=%d max(seq)=%d distinct prev=%d |%n",
                        writers, seconds, appended.get(), rate, rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
    }

    /** One writer: append, and when it commits, append again until the deadline. */
    private static void loop(Pool pool, AuditLog log, Caller caller, AuditEntry entry, AtomicLong appended,
            long deadline, CountDownLatch done) {
        if (System.nanoTime() > deadline) {
            done.countDown();
            return;
        }
        pool.withTransaction(tx -> log.append(tx, caller, entry)).subscribe().with(event -> {
            appended.incrementAndGet();
            loop(pool, log, caller, entry, appended, deadline, done);
        }, failure -> {
            failure.printStackTrace();
            done.countDown();
        });
    }
}
