package io.cxone.themes.theme;

import java.util.Locale;
import java.util.regex.Pattern;

/** Normalises colour input: {@code #rgb} or {@code #rrggbb} in any case becomes upper-case {@code #RRGGBB}. */
public final class HexColors {
    private static final Pattern SHORT = Pattern.compile("#[0-9a-fA-F]{3}");
    private static final Pattern LONG = Pattern.compile("#[0-9a-fA-F]{6}");

    private HexColors() {
    }

    /** The canonical form, or the input unchanged (so that validation can name it) when it is not a colour. */
    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (SHORT.matcher(trimmed).matches()) {
            char r = trimmed.charAt(1), g = trimmed.charAt(2), b = trimmed.charAt(3);
            return ("#" + r + r + g + g + b + b).toUpperCase(Locale.ROOT);
        }
        if (LONG.matcher(trimmed).matches()) {
            return trimmed.toUpperCase(Locale.ROOT);
        }
        return value;
    }

    public static boolean isCanonical(String value) {
        return value != null && value.length() == 7 && value.matches("#[0-9A-F]{6}");
    }
}
