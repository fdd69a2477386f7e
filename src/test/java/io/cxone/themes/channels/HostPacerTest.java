package io.cxone.themes.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Fetches towards one host are spaced by the rate; hosts do not wait for each other; Retry-After holds a host. */
class HostPacerTest {
    @Test
    void fetchesToOneHostAreSpacedAndOtherHostsAreNot() {
        HostPacer pacer = new HostPacer(10); // 100 ms apart
        long now = 1_000_000_000L;
        assertEquals(Duration.ZERO, pacer.reserve("a", now));
        assertEquals(Duration.ofMillis(100), pacer.reserve("a", now));
        assertEquals(Duration.ofMillis(200), pacer.reserve("a", now));
        assertEquals(Duration.ZERO, pacer.reserve("b", now));
        // after a quiet spell no credit piles up into a burst: the next one goes now, the one after 100 ms later
        long later = now + Duration.ofSeconds(10).toNanos();
        assertEquals(Duration.ZERO, pacer.reserve("a", later));
        assertEquals(Duration.ofMillis(100), pacer.reserve("a", later));
    }

    @Test
    void retryAfterHoldsTheHost() {
        HostPacer pacer = new HostPacer(10);
        pacer.blockFor("a", Duration.ofSeconds(30));
        assertTrue(pacer.reserve("a").compareTo(Duration.ofSeconds(29)) > 0);
        assertEquals(Duration.ZERO, pacer.reserve("b"));
    }
}
