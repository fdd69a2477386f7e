package io.cxone.themes.cxone;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.text.Text;

/**
 * CXone's structured error answer, {@code {"errors": [{"field", "message"}]}}, as field errors our callers may see:
 * at most {@value #MAX_ERRORS}, each text at most {@value #MAX_TEXT} characters, control characters removed. Nothing
 * else of an upstream body reaches a caller (it can hold anything the upstream chose to say); it goes to the log.
 */
public final class CxoneErrors {
    static final int MAX_ERRORS = 20;
    static final int MAX_TEXT = 200;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CxoneErrors() {
    }

    /** The field errors in {@code body}, code {@code cxone}; empty when it has none or is not CXone's error shape. */
    public static List<FieldError> fieldErrors(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        JsonNode errors;
        try {
            errors = MAPPER.readTree(body).path("errors");
        } catch (Exception notJson) {
            return List.of();
        }
        List<FieldError> out = new ArrayList<>();
        for (JsonNode error : errors) {
            if (out.size() == MAX_ERRORS) {
                break;
            }
            String field = error.path("field").asText("");
            String message = error.path("message").asText("");
            if (!message.isBlank()) {
                out.add(new FieldError(field.isBlank() ? "$" : clean(field), ErrorCode.CXONE, clean(message)));
            }
        }
        return out;
    }

    /**
     * The field errors in {@code body} as one line ({@code "field: message; ..."}), empty when there are none: for the
     * failure reasons of publications and sync items, which callers read too.
     */
    public static String summary(String body) {
        return String.join("; ", fieldErrors(body).stream()
                .map(e -> e.path().equals("$") ? e.message() : e.path() + ": " + e.message()).toList());
    }

    /** {@code text} without control or bidi characters ({@link Text}), cut to {@value #MAX_TEXT} characters. */
    static String clean(String text) {
        // removed rather than shown as '?': these texts become publication failure reasons that people read
        return Text.clip(text, MAX_TEXT, "");
    }
}
