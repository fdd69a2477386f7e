package io.cxone.themes.accessibility;

import java.util.Optional;

/** The WCAG conformance level a validation enforces; AAA adds SC 1.4.6 as errors. */
public enum Level {
    AA, AAA;

    /** The levels as a message lists them. */
    public static final String NAMES = "AA or AAA";

    /**
     * The level {@code name} names, case-insensitively; AA when none is asked for (null or blank); empty for anything
     * else (the {@code level} query parameter of validation and preview reads it with {@code web.Params.oneOf}).
     */
    public static Optional<Level> named(String name) {
        if (name == null || name.isBlank() || name.equalsIgnoreCase("AA")) {
            return Optional.of(AA);
        }
        return name.equalsIgnoreCase("AAA") ? Optional.of(AAA) : Optional.empty();
    }
}
