package io.cxone.themes.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cxone.themes.cxone.CxoneClient;
import io.cxone.themes.cxone.WireDtos.BatchSyncRequest;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.jobs.LostLease;
import io.cxone.themes.text.Text;
import io.cxone.themes.sync.SyncSteps.Failed;
import io.cxone.themes.sync.SyncSteps.Halt;
import io.cxone.themes.sync.SyncSteps.Stop;
import io.cxone.themes.sync.SyncSteps.WidgetsFailed;
import io.cxone.themes.sync.SyncWork.Batch;
import io.cxone.themes.sync.SyncWork.Outcome;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends a run's batches to CXone paced by a ticker — one batch a tick at {@code app.sync.rate}; while the in-flight
 * bound is reached ticks pass, so no burst follows a slow spell — and records each answer through the store. Sending
 * stops at the first reason to ({@link Halt}: CXone paused us, a batch could not be sent or recorded) and when the
 * lease ends; the calls in flight are still recorded. Answers why it stopped, or null when every batch was sent.
 */
@ApplicationScoped
class BatchSender {
    private static final Logger LOG = Logger.getLogger(BatchSender.class);
    /** What the lease's end emits into a run's tick stream: ends it at once. */
    private static final long STOP = -1;

    private final CxoneClient cxone;
    private final SyncStore store;
    private final Duration tick;
    private final int inFlight;

    BatchSender(CxoneClient cxone, SyncStore store, SyncSettings settings) {
        this.cxone = cxone;
        this.store = store;
        this.tick = SyncSteps.tick(settings.rate());
        this.inFlight = Math.max(1, settings.inFlight());
    }

    Uni<Halt> send(SyncJob job, List<Batch> batches, Lease lease) {
        AtomicReference<Halt> halt = new AtomicReference<>();
        if (batches.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        long start = System.nanoTime();
        Multi<Long> ticks = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1))
                .every(tick)
                // a tick finding every slot busy replaces the one kept before it: after a slow spell one batch starts
                // at once (two within one tick at most, still within a token bucket of one second's capacity)
                .onOverflow().invoke(t -> skipped.incrementAndGet()).dropPreviousItems();
        // a graceful stop or a lost lease ends the run at once, not at the next tick (which may be far off at a low
        // rate); the signal waits in a buffer of one while every in-flight slot is busy
        Multi<Long> ended = lease.whenEnded().map(v -> STOP).toMulti();
        return Multi.createBy().merging().streams(ticks, ended.onOverflow().buffer(1))
                .select().first(t -> t != STOP && !lease.ended() && halt.get() == null)
                .select().first(batches.size())
                // CXone calls and our writes are separate stages: a slow write never holds a CXone slot (and a tick)
                .onItem().transformToUni(t -> call(job, batches.get(next.getAndIncrement()), lease, halt))
                .merge(inFlight)
                .onItem().transformToUni(sent -> record(job, sent, lease, halt))
                .merge(inFlight)
                .collect().last()
                .map(last -> halt.get())
                .invoke(() -> LOG.infof("sync job %s: %d batches sent in %.1f s (%d ticks passed with %d batches in "
                        + "flight)", job.id(), next.get(), (System.nanoTime() - start) / 1e9, skipped.get(), inFlight));
    }

    /** One batch-sync call; answers the widgets' outcomes, or none when the batch stays pending. */
    private Uni<Sent> call(SyncJob job, Batch batch, Lease lease, AtomicReference<Halt> halt) {
        if (lease.ended() || halt.get() != null) {
            return Uni.createFrom().item(new Sent(batch, null));
        }
        BatchSyncRequest request = new BatchSyncRequest(batch.widgetIds(), job.targetThemeId().toString(),
                job.overrideExisting());
        return cxone.batchSync(request).map(answer -> new Sent(batch, SyncSteps.outcomes(batch, answer)))
                .onFailure().recoverWithItem(e -> {
                    var failure = SyncSteps.afterFailure(batch, e, lease.stopping());
                    if (failure instanceof WidgetsFailed failed) {
                        return new Sent(batch, failed.outcomes());
                    }
                    Halt why = ((Stop) failure).halt();
                    halt.accumulateAndGet(why, SyncSteps::merge);
                    LOG.infof("sync job %s: sending stops, batch %d stays pending: %s", job.id(), batch.number(), why);
                    return new Sent(batch, null);
                });
    }

    private Uni<Void> record(SyncJob job, Sent sent, Lease lease, AtomicReference<Halt> halt) {
        if (sent.outcomes() == null) {
            return Uni.createFrom().voidItem();
        }
        return store.record(job, lease, sent.batch(), sent.outcomes())
                .onFailure(e -> !(e instanceof LostLease)).invoke(e -> halt.accumulateAndGet(new Failed("batch "
                        + sent.batch().number() + " not recorded, its widgets stay pending: " + Text.describe(e)),
                        SyncSteps::merge))
                // a lost lease ends the run (lease.ended()); a failed write stops it (halt): neither cancels the
                // calls in flight, whose answers are recorded if they still can be
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** A batch and what CXone said of its widgets ({@code null}: nothing to record, the batch stays pending). */
    private record Sent(Batch batch, List<Outcome> outcomes) {
    }
}
