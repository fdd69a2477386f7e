package io.cxone.themes.preview;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** The leaf fields in which two themes (as JSON trees) differ, by JSON path, in the order the fields appear. */
final class ThemeDiff {
    private ThemeDiff() {
    }

    static List<FieldChange> between(JsonNode left, JsonNode right) {
        List<FieldChange> changes = new ArrayList<>();
        walk("", left, right, changes);
        return changes;
    }

    private static void walk(String path, JsonNode left, JsonNode right, List<FieldChange> changes) {
        boolean leftMissing = left == null || left.isNull() || left.isMissingNode();
        boolean rightMissing = right == null || right.isNull() || right.isMissingNode();
        if (leftMissing && rightMissing) {
            return;
        }
        if (!leftMissing && !rightMissing && left.isObject() && right.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            left.fieldNames().forEachRemaining(names::add);
            right.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> walk(path.isEmpty() ? name : path + "." + name, left.get(name), right.get(name), changes));
        } else if (!leftMissing && !rightMissing && left.isArray() && right.isArray()) {
            for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
                walk(path + "[" + i + "]", left.get(i), right.get(i), changes);
            }
        } else if (leftMissing || rightMissing || !left.equals(right)) {
            changes.add(new FieldChange(path, text(left), text(right)));
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
