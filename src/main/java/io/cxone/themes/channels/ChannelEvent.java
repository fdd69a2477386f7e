package io.cxone.themes.channels;

import java.time.Instant;
import java.util.UUID;

/**
 * One event of {@code GET /api/v1/channels/events}: {@code type} is {@code ready} (the first, once the stream
 * listens), {@code state} (the watch went {@code from} → {@code to}) or {@code changed} (the live look changed: a new
 * snapshot with {@code contentHash}).
 */
public record ChannelEvent(String type, UUID watchId, String brandId, String channelId, String env, String domain,
        String from, String to, String contentHash, Instant time) {
}
