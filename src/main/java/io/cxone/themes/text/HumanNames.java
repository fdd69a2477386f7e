package io.cxone.themes.text;

import java.util.regex.Pattern;

import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;

/**
 * The one rule for every human-readable name the API stores and shows back (theme names, channel watch names, and the
 * token subject that becomes the audit actor): trimmed, bounded, and none of the characters that rewrite what a log
 * line, an export or a screen shows:
 * <ul>
 * <li>controls (Cc: C0, DEL, C1) and the line and paragraph separators U+2028/U+2029 (Zl, Zp): they break lines;</li>
 * <li>format characters (Cf): bidi embeddings, overrides and isolates ({@code "\u202e=rtl"} reads backwards), zero-width
 * spaces and joiners, the soft hyphen and BOM: two names that look alike must be alike;</li>
 * <li>surrogates that are not half of a pair (Cs): not text at all; stored as UTF-8 they would become '?', so two
 * different names would collapse into one.</li>
 * </ul>
 * Used by {@link HumanName} (Bean Validation, theme names) and {@link #check} (hand-checked bodies, watch names), with
 * the same codes ({@code size}, {@code format}) and messages.
 */
public final class HumanNames {
    /** The characters above as a regex: a name matches it when it has none of them. A constant for annotations. */
    public static final String ALLOWED = "[^\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}]*";
    /** The message of a name with a character outside {@link #ALLOWED}. */
    public static final String FORMAT_MESSAGE = "must not contain control or format characters (line breaks, bidi "
            + "overrides, zero-width characters) or unpaired surrogates";
    /** The message of a name too short or too long; {min} and {max} are filled in. */
    public static final String SIZE_MESSAGE = "must be {min} to {max} characters";

    private static final Pattern PATTERN = Pattern.compile(ALLOWED);

    private HumanNames() {
    }

    /** Names are stored trimmed: leading and trailing white space never tells two names apart. */
    public static String strip(String name) {
        return name == null ? null : name.strip();
    }

    /** True when {@code name} has none of the characters a name must not hold (its length is not checked). */
    public static boolean hasOnlyAllowedCharacters(String name) {
        return PATTERN.matcher(name).matches();
    }

    /**
     * Checks a name already {@linkplain #strip stripped}, as {@link HumanName} does.
     *
     * @throws ApiException 400 naming {@code path}: code {@code size} or {@code format}
     */
    public static String check(String path, String name, int min, int max) {
        if (name.length() < min || name.length() > max) {
            throw ApiException.badRequest(path, ErrorCode.SIZE, SIZE_MESSAGE.replace("{min}", String.valueOf(min))
                    .replace("{max}", String.valueOf(max)));
        }
        if (!hasOnlyAllowedCharacters(name)) {
            throw ApiException.badRequest(path, ErrorCode.FORMAT, FORMAT_MESSAGE);
        }
        return name;
    }
}
