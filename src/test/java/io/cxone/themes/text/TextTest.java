package io.cxone.themes.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one text-clipping rule that every message quoting a caller's input uses. */
class TextTest {

    @Test
    void clipReplacesEveryControlAndBidiCharacterAndCuts() {
        assertEquals("a?b?c?d?e?f", Text.clip("a\u001Bb\u007Fc\u0085d\u2028e\u202Ef", 100));
        assertEquals("abcde…", Text.clip("abcdefgh", 5));
        assertEquals("abcde", Text.clip("abcde", 5));
        assertEquals("ab", Text.clip("a\r\nb", 10, ""));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String clipped = Text.clip("abcd\uD83D\uDE00xyz", 5);
        assertEquals("abcd…", clipped);
        assertTrue(clipped.chars().noneMatch(c -> Character.isSurrogate((char) c)), clipped);
    }

    @Test
    void aFailureIsDescribedByItsInnermostCauseClipped() {
        Exception wrapped = new RuntimeException("wrapper", new java.net.ConnectException("Connection refused\r\nX: " + "y".repeat(300)));
        String line = Text.describe(wrapped);
        assertTrue(line.startsWith("ConnectException: Connection refused??X: y"), line);
        assertEquals("ConnectException: ".length() + 201, line.length(), "clipped to 200 characters and an ellipsis");
        assertEquals("IllegalStateException", Text.describe(new IllegalStateException()));
    }
}
