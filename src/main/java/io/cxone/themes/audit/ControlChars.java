package io.cxone.themes.audit;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.cxone.themes.text.Text;

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
        return Text.isControl(c); // the documented escape set of the export formats: bidi characters pass as stored
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

    /**
     * A mapper for export lines that hold JSON (JSON lines, OCSF): JSON itself escapes only U+0000-U+001F, so DEL, C1
     * and U+2028/U+2029 would reach a SIEM raw. With these escapes every {@link #isControl} character is written as
     * {@code \}{@code uXXXX}, which any JSON parser reads back as the same character (hashes still verify).
     */
    static ObjectMapper jsonMapper() {
        JsonMapper mapper = JsonMapper.builder().build();
        mapper.getFactory().setCharacterEscapes(JsonEscapes.INSTANCE);
        return mapper;
    }

    private static final class JsonEscapes extends CharacterEscapes {
        static final JsonEscapes INSTANCE = new JsonEscapes();
        private final int[] ascii;

        private JsonEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch <= 0xffff && isControl((char) ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
