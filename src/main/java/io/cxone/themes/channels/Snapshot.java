package io.cxone.themes.channels;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** The live look of a channel when it changed: as fetched, as mapped to a theme, and its contrast report. */
public record Snapshot(UUID id, Instant time, String contentHash, JsonNode appearance, JsonNode theme, JsonNode report) {
}
