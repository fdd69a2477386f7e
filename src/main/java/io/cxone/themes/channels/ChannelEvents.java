package io.cxone.themes.channels;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The SSE feed of {@code GET /api/v1/channels/events}: state changes and live-look changes, pushed by the checks this
 * instance runs. An in-process broadcast, on purpose: with several instances a client sees the checks of the instance
 * it is connected to (the audit trail and the watches' rows have all of them). A slow client drops events rather than
 * holding memory or a check.
 */
@ApplicationScoped
class ChannelEvents {
    /**
     * One event: {@code type} is {@code state} (from → to) or {@code changed} (a new snapshot, {@code contentHash}).
     */
    record Event(String type, UUID watchId, String brandId, String channelId, String env, String domain, String from,
            String to, String contentHash, Instant time) {
    }

    private final BroadcastProcessor<Event> processor = BroadcastProcessor.create();

    void publish(Event event) {
        processor.onNext(event);
    }

    Multi<Event> stream() {
        return processor.onOverflow().drop();
    }
}
