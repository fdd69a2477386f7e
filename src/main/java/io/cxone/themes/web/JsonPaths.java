package io.cxone.themes.web;

import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;

import io.cxone.themes.text.Text;

/** Renders Jackson reference chains as the JSON paths our API reports ({@code buttons[1].textColor}). */
public final class JsonPaths {
    private static final int MAX_SEGMENT = 64;

    private JsonPaths() {
    }

    public static String of(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path = child(path, reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }

    /** Appends a field to a path; hostile field names are cut so a path can never carry megabytes back. */
    public static StringBuilder child(StringBuilder parent, String field) {
        if (!parent.isEmpty()) {
            parent.append('.');
        }
        return parent.append(truncate(field));
    }

    public static String child(String parent, String field) {
        return child(new StringBuilder(parent), field).toString();
    }

    public static String truncate(String text) {
        return Text.clip(text, MAX_SEGMENT);
    }
}
