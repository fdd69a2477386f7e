package io.cxone.themes.audit;

/**
 * The characters an export line must never carry raw, and their one escape. A log pipeline splits, colours or
 * rewrites lines on more than CR/LF: ESC starts terminal sequences, DEL and the C1 block (U+0080-U+009F, among them
 * NEL U+0085 and CSI U+009B) act as controls in some viewers, and U+2028/U+2029 break lines in JavaScript and many
 * editors. So every one of them is written as an escape that the format's own backslash rule keeps unambiguous (a
 * literal backslash is always doubled): {@code \n}, {@code \r}, {@code \t}, else {@code \}{@code uXXXX}.
 */
final class ControlChars {
    private ControlChars() {
    }

    /** C0 (U+0000-U+001F), DEL, C1 (U+0080-U+009F), LINE SEPARATOR and PARAGRAPH SEPARATOR. */
    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    /** Appends the escape of {@code c} when it is a control character; false (nothing appended) otherwise. */
    static boolean escape(StringBuilder out, char c) {
        if (!isControl(c)) {
            return false;
        }
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append(String.format("\\u%04X", (int) c));
        }
        return true;
    }
}
