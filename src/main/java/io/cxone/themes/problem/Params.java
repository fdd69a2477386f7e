package io.cxone.themes.problem;

/** Integer query and path parameters with a 400 that names the parameter instead of JAX-RS's bare 404. */
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
                throw ApiException.badRequest(name, "required", "is required");
            }
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw ApiException.badRequest(name, "range", "must be between " + min + " and " + max + rangeNote
                        + ", not " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, "type", "must be a whole number between " + min + " and " + max
                    + rangeNote + ", not '" + clip(value) + "'");
        }
    }

    public static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
