package io.cxone.themes.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.LogCapture;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The LISTEN connection: a notification sent by anyone reaches every registration on its channel; after the
 * connection is killed (as a database restart or an administrator would), it comes back by itself, each registration's
 * resync runs once more, and notifications flow again; the loss is one WARN, the return one INFO, neither with the
 * password.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class JobSignalsTest {
    private static final String CHANNEL = "cxone_test_signal";

    @Inject
    JobSignals signals;

    @Test
    void notificationsArriveAndSurviveAKilledConnection() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        AtomicInteger listening = new AtomicInteger();
        JobSignals.Subscription subscription = signals.listen(CHANNEL, heard::add, listening::incrementAndGet);
        try (LogCapture log = LogCapture.start()) {
            Waits.until("the LISTEN is active", () -> listening.get() == 1);
            // sent through JDBC, as another instance would: delivered when it commits, never when it rolls back
            Db.execute("SELECT pg_notify('" + CHANNEL + "', 'one')");
            assertThrows(IllegalStateException.class, () -> Db.inTransaction(
                    "SELECT pg_notify('" + CHANNEL + "', 'rolled back')", "SELECT 1/0"));
            Waits.until("the first notification heard", () -> heard.contains("one"));

            long killed = Db.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE "
                    + "'LISTEN%' AND pid <> pg_backend_pid()");
            assertTrue(killed >= 1, "a LISTEN connection was found and terminated");
            Waits.until("the registration resynced after the reconnect", () -> listening.get() == 2);
            Db.execute("SELECT pg_notify('" + CHANNEL + "', 'two')");
            Waits.until("a notification after the reconnect heard", () -> heard.contains("two"));
            assertEquals(List.of("one", "two"), heard, "every committed notification once, the rolled-back one never");

            List<String> ours = log.of(JobSignals.class.getName()).stream()
                    .map(r -> r.getLevel() + " " + r.getMessage()).toList();
            assertEquals(1, ours.stream().filter(l -> l.startsWith("WARN") && l.contains("Lost the LISTEN")).count(),
                    "the loss is one WARN: " + ours);
            assertEquals(1, ours.stream().filter(l -> l.startsWith("INFO") && l.contains("is back")).count(),
                    "the return is one INFO: " + ours);
            String secret = Db.secretOf(Path.of(System.getProperty("cxone-theme-service.embedded-db.dir")));
            assertTrue(log.atLeast(Level.ALL).stream().noneMatch(l -> l.contains(secret)), "never the password");
        } finally {
            subscription.close();
        }
    }

    @Test
    void reconnectBackoffDoublesUpToItsCap() {
        assertEquals(100, JobSignals.backoff(0));
        assertEquals(200, JobSignals.backoff(1));
        assertEquals(10_000, JobSignals.backoff(7));
        assertEquals(Duration.ofSeconds(10).toMillis(), JobSignals.backoff(Integer.MAX_VALUE));
    }
}
