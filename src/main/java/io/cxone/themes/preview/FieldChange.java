package io.cxone.themes.preview;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.theme.ThemeDiff;

/** One field whose value differs between the two compared themes, as the compare page shows it; absent values are null. */
public record FieldChange(String path, String left, String right) {

    /**
     * A change of {@link ThemeDiff}, the one diff (the one {@code GET /api/v1/themes/{id}/diff} answers): the compare
     * page lists the same paths, in the same model order, with the same equality (14 equals 14.0).
     */
    static FieldChange of(ThemeDiff.Change change) {
        return new FieldChange(change.path(), text(change.oldValue()), text(change.newValue()));
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
