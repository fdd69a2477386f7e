package io.cxone.themes.web;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.text.Text;

/**
 * Ids, whole numbers and text from path, query and body parameters, read in one place: each failure is a 400 that names
 * the parameter (instead of JAX-RS's bare 404) with a code from the one vocabulary ({@code required}, {@code format},
 * {@code type}, {@code range}) and a message that shows what was sent.
 */
public final class Params {
    private Params() {
    }

    public static int number(String name, String value, int min, int max, Integer fallback) {
        return number(name, value, min, max, fallback, "");
    }

    /** @param rangeNote said after the range when it depends on another parameter, e.g. " (with size 20)" */
    public static int number(String name, String value, int min, int max, Integer fallback, String rangeNote) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw ApiException.badRequest(name, ErrorCode.REQUIRED, "is required");
            }
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw ApiException.badRequest(name, ErrorCode.RANGE, "must be between " + min + " and " + max + rangeNote
                        + ", not " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, ErrorCode.TYPE, "must be a whole number between " + min + " and " + max
                    + rangeNote + ", not '" + clip(value) + "'");
        }
    }

    /**
     * A value from a closed list, as {@code read} names it (empty for anything it does not).
     *
     * @param expected the values as the message lists them: "AA or AAA"
     * @throws ApiException 400 {@code enum} naming the parameter, quoting what was sent
     */
    public static <T> T oneOf(String name, String value, Function<String, Optional<T>> read, String expected) {
        return read.apply(value).orElseThrow(() -> ApiException.badRequest(name, ErrorCode.ENUM,
                "must be " + expected + ", not '" + (value == null ? "" : clip(value)) + "'"));
    }

    /**
     * @param what what the id must name, said in the message: "a theme id (a UUID)"
     * @throws ApiException 400 {@code required} when missing (null), {@code format} when not a UUID (blank too)
     */
    public static UUID uuid(String name, String value, String what) {
        if (value == null) {
            throw ApiException.badRequest(name, ErrorCode.REQUIRED, "is required: " + what);
        }
        return tryUuid(value).orElseThrow(() -> ApiException.badRequest(name, ErrorCode.FORMAT,
                "must be " + what + ", not '" + clip(value) + "'"));
    }

    /** The UUID {@code value} spells, as {@link UUID#fromString} reads it; empty when it is none (or null). */
    public static Optional<UUID> tryUuid(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What was sent, short enough to quote in a message: 40 characters, control characters shown as '?'. */
    public static String clip(String value) {
        return Text.clip(value, 40);
    }
}
