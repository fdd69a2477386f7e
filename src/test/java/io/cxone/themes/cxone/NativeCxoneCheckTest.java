package io.cxone.themes.cxone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The native executable's startup rule (the bean itself only exists in a native build, so its logic is tested here). */
class NativeCxoneCheckTest {

    @Test
    void startsWithACxoneAndNoSimulator() {
        assertEquals(Optional.empty(), NativeCxoneCheck.problem(Optional.of(false), Optional.of("https://api.example.com")));
        assertEquals(Optional.empty(), NativeCxoneCheck.problem(Optional.empty(), Optional.of("https://api.example.com")));
    }

    @Test
    void refusesTheSimulatorItDoesNotHave() {
        String message = NativeCxoneCheck.problem(Optional.of(true), Optional.of("https://api.example.com")).orElseThrow();
        assertTrue(message.contains("CXONE_SIMULATOR=true") && message.contains("without the CXone simulator"), message);
    }

    @Test
    void refusesToStartWithoutACxone() {
        for (Optional<String> none : java.util.List.of(Optional.<String>empty(), Optional.of(""), Optional.of("  "))) {
            String message = NativeCxoneCheck.problem(Optional.of(false), none).orElseThrow();
            assertTrue(message.contains("set CXONE_BASE_URL"), message);
        }
    }
}
