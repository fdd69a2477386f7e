package io.cxone.themes.theme.draft;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.theme.ThemeDiff;

/** {@code GET /api/v1/themes/{id}/diff}: what changed between two versions, field by field. */
public record DiffView(UUID themeId, int from, int to, String fromHash, String toHash, List<Entry> changes) {

    /** One changed field: {@code old} is null when it was added, {@code new} null when it was removed. */
    public record Entry(String path, @JsonProperty("old") JsonNode oldValue, @JsonProperty("new") JsonNode newValue,
            String kind) {
    }

    static DiffView of(UUID themeId, VersionView from, VersionView to) {
        List<Entry> changes = ThemeDiff.diff(from.theme(), to.theme()).stream()
                .map(c -> new Entry(c.path(), c.oldValue(), c.newValue(), c.kind())).toList();
        return new DiffView(themeId, from.version(), to.version(), from.contentHash(), to.contentHash(), changes);
    }
}
