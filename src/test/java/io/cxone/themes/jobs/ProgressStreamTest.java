package io.cxone.themes.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The shared re-read of {@link ProgressStream}, without a database: however many streams of a job are open, a change
 * notification costs one read for all of them, and notifications arriving while it runs cost one more read, not one
 * each; other jobs' and other tables' notifications cost nothing; a resync re-reads each watched job once.
 */
class ProgressStreamTest {
    private record State(String name, int rank) {
    }

    private static final JobTable TABLE = new JobTable("publications", "publication", "true", "id", "");
    private static final int STREAMS = 20;

    private Vertx vertx;
    private final List<CompletableFuture<Optional<State>>> reads = new CopyOnWriteArrayList<>();
    private Consumer<String> notify;
    private Runnable resync;
    private ProgressStream<State> streams;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        // a backstop that never fires during the test: every read below is one the test caused
        streams = new ProgressStream<>(vertx, (channel, onNotification, onListening) -> {
            assertEquals(JobSignals.JOB_CHANGED, channel);
            notify = onNotification;
            resync = onListening;
            return () -> { };
        }, TABLE, Duration.ofHours(1), s -> s.rank() >= 3, (last, next) -> next.rank() > last.rank());
    }

    @AfterEach
    void tearDown() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private Uni<Optional<State>> read() {
        CompletableFuture<Optional<State>> read = new CompletableFuture<>();
        reads.add(read);
        return Uni.createFrom().completionStage(read);
    }

    private List<List<String>> open(UUID id, int count) {
        List<List<String>> seen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> items = new CopyOnWriteArrayList<>();
            streams.stream(id, this::read).subscribe().with(s -> items.add(s.name()), e -> items.add("failed"),
                    () -> items.add("end"));
            seen.add(items);
        }
        return seen;
    }

    @Test
    void notificationsForOneJobAreOneSharedReadAndCoalesce() {
        UUID id = UUID.randomUUID();
        List<List<String>> seen = open(id, STREAMS);
        assertEquals(STREAMS, reads.size(), "each stream reads its current state once when it opens");
        reads.forEach(r -> r.complete(Optional.of(new State("QUEUED", 0))));
        reads.clear();

        notify.accept("publications:" + id);
        assertEquals(1, reads.size(), "one read for the twenty streams");
        for (int i = 0; i < 5; i++) {
            notify.accept("publications:" + id); // during the read: remembered, not read now
        }
        notify.accept("sync_jobs:" + id);
        notify.accept("publications:" + UUID.randomUUID());
        notify.accept("publications:not-a-uuid");
        assertEquals(1, reads.size(), "nothing read for changes during the read, of other jobs or other tables");

        reads.get(0).complete(Optional.of(new State("SUBMITTED", 1)));
        assertEquals(2, reads.size(), "one more read for everything notified during the first");
        reads.get(1).complete(Optional.of(new State("ACTIVE", 3)));
        assertEquals(2, reads.size(), "and no more");
        for (List<String> items : seen) {
            assertEquals(List.of("QUEUED", "SUBMITTED", "ACTIVE", "end"), items);
        }

        notify.accept("publications:" + id);
        assertEquals(2, reads.size(), "a job whose streams all ended is not read again");
    }

    @Test
    void aResyncReadsEachWatchedJobOnceAndAFailedReadIsNotTheEnd() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<List<String>> seenA = open(a, 3);
        List<List<String>> seenB = open(b, 2);
        reads.forEach(r -> r.complete(Optional.of(new State("QUEUED", 0))));
        reads.clear();

        resync.run();
        assertEquals(2, reads.size(), "one read per watched job, not per stream");
        reads.forEach(r -> r.completeExceptionally(new IllegalStateException("database restarting")));
        reads.clear();

        notify.accept("publications:" + a);
        assertEquals(1, reads.size(), "a failed read does not stop later ones");
        reads.get(0).complete(Optional.of(new State("FAILED", 3)));
        seenA.forEach(items -> assertEquals(List.of("QUEUED", "FAILED", "end"), items));
        seenB.forEach(items -> assertEquals(List.of("QUEUED"), items));

        streams.push(b, new State("ACTIVE", 3));
        seenB.forEach(items -> assertTrue(items.equals(List.of("QUEUED", "ACTIVE", "end")), items.toString()));
    }
}
