package io.cxone.themes.theme.draft;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** One immutable version of a theme, as {@code GET /api/v1/themes/{id}/versions/{n}} shows it. */
public record VersionView(UUID themeId, int version, String contentHash, Instant createdAt, String createdBy,
        JsonNode theme) {
}
