package io.cxone.themes.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxone.themes.accessibility.Level;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;

/** The one id/parameter parser: every failure names the parameter and quotes what was sent, cleaned. */
class ParamsTest {

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
    void levelIsParsedInOnePlace() {
        assertEquals(Level.AA, level(null));
        assertEquals(Level.AA, level(" "));
        assertEquals(Level.AAA, level("aaa"));
        ApiException e = assertThrows(ApiException.class, () -> level("A\u0007"));
        assertEquals("level", e.problem().errors().get(0).path());
        assertEquals(ErrorCode.ENUM, e.problem().errors().get(0).code());
        assertEquals("must be AA or AAA, not 'A?'", e.problem().errors().get(0).message());
    }

    /** As the validation and preview endpoints read their {@code level} query parameter. */
    private static Level level(String value) {
        return Params.oneOf("level", value, Level::named, Level.NAMES);
    }
}
