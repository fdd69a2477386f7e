package io.cxone.themes.log;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** Identical warnings are logged once per period; different ones are not held back by each other. */
class RateLimitedLogTest {
    private final AtomicLong nanos = new AtomicLong();
    private final RateLimitedLog log = new RateLimitedLog(Logger.getLogger(RateLimitedLogTest.class), Duration.ofMinutes(1),
            nanos::get);

    @Test
    void oneLinePerPeriodPerText() {
        assertTrue(log.warn("Could not claim publication jobs: Connection refused"));
        for (int i = 0; i < 59; i++) {
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            assertFalse(log.warn("Could not claim publication jobs: Connection refused"), "second " + (i + 1));
        }
        assertTrue(log.warn("sync worker: Connection refused"), "another text has its own period");
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(log.warn("Could not claim publication jobs: Connection refused"), "a period later it is logged again");
    }
}
