package io.cxone.themes.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Collects field errors while reading a snake_case request body, naming each field by its JSON path. */
final class JsonChecks {
    private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");

    private final List<WireError> errors = new ArrayList<>();

    static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    List<WireError> errors() {
        return errors;
    }

    void add(String field, String message) {
        errors.add(new WireError(field, message));
    }

    /** A required (or optional) string of 1..max characters; null when absent or wrong. */
    String string(JsonNode parent, String parentPath, String field, int max, boolean required) {
        JsonNode node = parent.get(field);
        String path = path(parentPath, field);
        if (node == null || node.isNull()) {
            if (required) {
                add(path, "is required");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > max) {
            add(path, "must be a non-blank string of at most " + max + " characters");
            return null;
        }
        return node.asText();
    }

    void color(JsonNode parent, String parentPath, String field) {
        String value = string(parent, parentPath, field, 7, true);
        if (value != null && !HEX.matcher(value).matches()) {
            add(path(parentPath, field), "must be a #RRGGBB colour");
        }
    }

    Integer integer(JsonNode parent, String parentPath, String field, int min, int max) {
        JsonNode node = parent.get(field);
        String path = path(parentPath, field);
        if (node == null || node.isNull()) {
            add(path, "is required");
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            add(path, "must be an integer from " + min + " to " + max);
            return null;
        }
        return node.asInt();
    }

    /** A required JSON object, or null (with an error) when absent or not an object. */
    JsonNode object(JsonNode parent, String parentPath, String field, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                add(path(parentPath, field), "is required");
            }
            return null;
        }
        if (!node.isObject()) {
            add(path(parentPath, field), "must be an object");
            return null;
        }
        return node;
    }

    JsonNode array(JsonNode parent, String field, int min, int max) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            add(field, "is required");
            return null;
        }
        if (!node.isArray() || node.size() < min || node.size() > max) {
            add(field, "must be an array of " + min + " to " + max + " items");
            return null;
        }
        return node;
    }
}
