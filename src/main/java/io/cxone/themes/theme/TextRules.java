package io.cxone.themes.theme;

import io.cxone.themes.text.Text;

/** Regular expressions shared by the theme's text constraints. */
final class TextRules {
    /** No C0/C1 controls, line/paragraph separators or bidi overrides (they disguise names in logs and UIs). */
    static final String NO_CONTROL = "[^" + Text.UNSAFE_CLASS + "]*";
    private static final String NAME_CHARS = "\\p{L}\\p{N} _-";
    private static final String FAMILY = "(?:\"[" + NAME_CHARS + "]+\"|'[" + NAME_CHARS + "]+'|[\\p{L}\\p{N}_-][" + NAME_CHARS + "]*)";
    /** A comma-separated list of CSS family names, optionally quoted: never free CSS. */
    static final String FONT_FAMILY = FAMILY + "(?: *, *" + FAMILY + ")*";

    private TextRules() {
    }

    static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
