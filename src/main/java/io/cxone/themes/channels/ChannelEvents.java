package io.cxone.themes.channels;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.jobs.JobSignals;
import io.cxone.themes.log.RateLimitedLog;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The SSE feed of {@code GET /api/v1/channels/events}: state changes and live-look changes found by the checks of
 * every instance. A check's event is notified through PostgreSQL ({@link JobSignals#CHANNEL_EVENT}, its JSON as the
 * payload: a {@link ChannelEvent} holds ids of at most 64 characters, a domain of at most 253 and a hash, far under
 * PostgreSQL's 8,000-byte limit), and each instance, the sender too, broadcasts what it hears to its own clients — so
 * an API-only replica's clients see the worker replica's checks. Events notified while an instance's LISTEN connection
 * is down are lost to its clients (the watches' rows and the audit trail have them). A slow client drops events rather
 * than holding memory or a check.
 */
@ApplicationScoped
class ChannelEvents {
    private static final Logger LOG = Logger.getLogger(ChannelEvents.class);
    private static final int MAX_WAITING = 10_000;
    private static final int MAX_BATCH = 500;

    private final BroadcastProcessor<ChannelEvent> processor = BroadcastProcessor.create();
    private final JobSignals signals;
    private final Instance<ObjectMapper> mappers; // looked up at the first event: Jackson stays out of the start-up
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private final Queue<ChannelEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    ChannelEvents(JobSignals signals, Instance<ObjectMapper> mappers) {
        this.signals = signals;
        this.mappers = mappers;
    }

    /**
     * To the clients of every instance. Sent in order, in batches: while one notification statement is on its way the
     * next events wait for it, so a burst of events costs a few statements, not one each; past {@value #MAX_WAITING}
     * waiting events the newest are dropped. Where the notification cannot be sent, to this instance's clients alone.
     */
    void publish(ChannelEvent event) {
        if (waiting.incrementAndGet() > MAX_WAITING) {
            waiting.decrementAndGet();
            LOG.debugf("channel event dropped: %d events wait for their notification", MAX_WAITING);
            return;
        }
        queue.add(event);
        send();
    }

    private void send() {
        if (!sending.compareAndSet(false, true)) {
            return; // the batch in flight sends this one after it
        }
        List<ChannelEvent> batch = new ArrayList<>();
        for (ChannelEvent e = queue.poll(); e != null; e = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(e);
        }
        if (batch.isEmpty()) {
            sending.set(false);
            if (!queue.isEmpty()) {
                send(); // added between the poll and the reset
            }
            return;
        }
        waiting.addAndGet(-batch.size());
        List<String> payloads = new ArrayList<>(batch.size());
        ObjectMapper mapper = mappers.get();
        for (ChannelEvent e : batch) {
            try {
                payloads.add(mapper.writeValueAsString(e));
            } catch (JsonProcessingException x) {
                throw new IllegalStateException("a channel event is not serializable", x);
            }
        }
        signals.notifyEach(JobSignals.CHANNEL_EVENT, payloads).subscribe().with(v -> sent(), e -> {
            warnings.warn("Could not notify channel events to the other instances (their clients miss them): "
                    + e.getMessage());
            batch.forEach(processor::onNext);
            sent();
        });
    }

    private void sent() {
        sending.set(false);
        if (!queue.isEmpty()) {
            send();
        }
    }

    private void heard(String payload) {
        try {
            processor.onNext(mappers.get().readValue(payload, ChannelEvent.class));
        } catch (JsonProcessingException e) {
            warnings.warn("A channel event notification is not a channel event; dropped: " + e.getOriginalMessage());
        }
    }

    /**
     * Every instance's events from now on, after one {@code ready} event sent once this instance listens: a client that
     * has read {@code ready} misses nothing that is notified afterwards (and the response's headers are on their way).
     */
    Multi<ChannelEvent> stream() {
        if (subscribed.compareAndSet(false, true)) {
            signals.listen(JobSignals.CHANNEL_EVENT, this::heard, () -> listening.complete(null));
        }
        return Multi.createFrom().emitter(emitter -> {
            Cancellable live = processor.subscribe().with(emitter::emit, emitter::fail, emitter::complete);
            Cancellable ready = Uni.createFrom().completionStage(listening).subscribe().with(v -> emitter.emit(
                    new ChannelEvent("ready", null, null, null, null, null, null, null, null, Instant.now())));
            emitter.onTermination(() -> {
                ready.cancel();
                live.cancel();
            });
        }, BackPressureStrategy.DROP);
    }
}
