package io.cxone.themes.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxone.themes.accessibility.Level;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.web.Params;

/** The one text-clipping rule and the one id/parameter parser that every message quoting a caller's input uses. */
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
    void quotedInputInAProblemCarriesNoControlCharacters() {
        // Params.clip quoted what was sent as it came (a CR LF or ESC reached the problem's detail): it is the one rule now
        ApiException e = assertThrows(ApiException.class, () -> Params.uuid("id", "x\r\nX-Evil: 1\u001B[31m", "a theme id (a UUID)"));
        assertEquals("id: must be a theme id (a UUID), not 'x??X-Evil: 1?[31m'", e.problem().detail());
        assertEquals(ErrorCode.FORMAT, e.problem().errors().get(0).code());
        assertEquals(ErrorCode.REQUIRED, assertThrows(ApiException.class, () -> Params.uuid("id", null, "an id"))
                .problem().errors().get(0).code());
        assertEquals(ErrorCode.FORMAT, assertThrows(ApiException.class, () -> Params.uuid("id", " ", "an id"))
                .problem().errors().get(0).code());
        assertEquals(Params.clip("p".repeat(41)), "p".repeat(40) + "…");
    }

    @Test
    void uuidsAreReadAsUuidFromStringReadsThem() {
        UUID id = UUID.randomUUID();
        assertEquals(id, Params.uuid("id", id.toString(), "an id"));
        assertEquals(Optional.of(id), Params.tryUuid(id.toString().toUpperCase()));
        assertEquals(Optional.empty(), Params.tryUuid(null));
        assertEquals(Optional.empty(), Params.tryUuid("nope"));
    }

    @Test
    void aFailureIsDescribedByItsInnermostCauseClipped() {
        Exception wrapped = new RuntimeException("wrapper", new java.net.ConnectException("Connection refused\r\nX: " + "y".repeat(300)));
        String line = Text.describe(wrapped);
        assertTrue(line.startsWith("ConnectException: Connection refused??X: y"), line);
        assertEquals("ConnectException: ".length() + 201, line.length(), "clipped to 200 characters and an ellipsis");
        assertEquals("IllegalStateException", Text.describe(new IllegalStateException()));
    }

    @Test
    void levelIsParsedInOnePlace() {
        assertEquals(Level.AA, Level.parse(null));
        assertEquals(Level.AA, Level.parse(" "));
        assertEquals(Level.AAA, Level.parse("aaa"));
        ApiException e = assertThrows(ApiException.class, () -> Level.parse("A\u0007"));
        assertEquals("level", e.problem().errors().get(0).path());
        assertEquals(ErrorCode.ENUM, e.problem().errors().get(0).code());
        assertEquals("must be AA or AAA, not 'A?'", e.problem().errors().get(0).message());
    }
}
