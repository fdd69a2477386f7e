package io.cxone.themes.channels;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The SSE feed of {@code GET /api/v1/channels/events}: state changes and live-look changes, pushed by the checks this
 * instance runs. An in-process broadcast, on purpose: with several instances a client sees the checks of the instance
 * it is connected to (the audit trail and the watches' rows have all of them). A slow client drops events rather than
 * holding memory or a check.
 */
@ApplicationScoped
class ChannelEvents {
    private final BroadcastProcessor<ChannelEvent> processor = BroadcastProcessor.create();

    void publish(ChannelEvent event) {
        processor.onNext(event);
    }

    /**
     * This instance's events from now on, after one {@code ready} event sent once the stream listens: a client that
     * has read {@code ready} misses nothing that happens afterwards (and the response's headers are on their way).
     */
    Multi<ChannelEvent> stream() {
        return Multi.createFrom().emitter(emitter -> {
            Cancellable live = processor.subscribe().with(emitter::emit, emitter::fail, emitter::complete);
            emitter.onTermination(live::cancel);
            emitter.emit(new ChannelEvent("ready", null, null, null, null, null, null, null, null, Instant.now()));
        }, BackPressureStrategy.DROP);
    }
}
