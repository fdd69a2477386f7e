package io.cxone.themes.text;

/**
 * The one rule for text that is not ours and is shown back: in a problem's message, a JSON path, a failure reason, an
 * import note. Such text must not carry characters that rewrite a log line or a screen: C0 controls (CR, LF, ESC
 * start terminal sequences), DEL, the C1 block (U+0080-U+009F), LINE/PARAGRAPH SEPARATOR (they break lines in
 * JavaScript and editors) and the bidi embeddings, overrides and isolates (they disguise what a name says).
 */
public final class Text {
    /**
     * The characters above as a regex class body: for patterns that refuse them ({@code [^...]*}); a compile-time
     * constant, so that annotations can use it.
     */
    public static final String UNSAFE_CLASS = "\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069";

    private Text() {
    }

    /** C0 (U+0000-U+001F), DEL, C1 (U+0080-U+009F), LINE SEPARATOR and PARAGRAPH SEPARATOR. */
    public static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }

    /** The bidi embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069). */
    public static boolean isBidiControl(int c) {
        return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /**
     * A failure as one short line: the innermost cause's class and message ("ConnectException: Connection refused"
     * rather than a wrapper's), clipped to 200 characters without control characters: it goes into failure reasons,
     * problem details and log lines.
     */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + clip(message, 200));
    }

    /** {@code text} with each control or bidi character as '?', cut to {@code max} characters and "…". */
    public static String clip(String text, int max) {
        return clip(text, max, "?");
    }

    /**
     * {@code text} with each {@link #isControl control} or {@link #isBidiControl bidi} character replaced by
     * {@code replacement} (may be empty: removed), then cut to {@code max} characters with "…" after it. A cut never
     * splits a surrogate pair.
     */
    public static String clip(String text, int max, String replacement) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c) || isBidiControl(c)) {
                out.append(replacement);
            } else {
                out.append(c);
            }
            if (out.length() > max) {
                break;
            }
        }
        if (out.length() <= max) {
            return out.toString();
        }
        int end = Character.isHighSurrogate(out.charAt(max - 1)) ? max - 1 : max;
        return out.substring(0, end) + "…";
    }
}
