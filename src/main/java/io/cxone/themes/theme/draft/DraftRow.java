package io.cxone.themes.theme.draft;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** A draft as stored: its head row joined with its current version's content. */
record DraftRow(UUID id, String name, int version, String source, String contentHash, JsonNode content,
        Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, Instant deletedAt) {

    boolean deleted() {
        return deletedAt != null;
    }

    String etag() {
        return Etags.of(version);
    }
}
