package io.cxone.themes.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import io.cxone.themes.cxone.CxoneException;

/**
 * Which failed batch-sync calls may fail their widgets: CXone's answers (and its silence after retries), never this
 * process's own trouble. bench/chaos.sh saw a graceful stop record 100 widgets FAILED with "Client is closed".
 */
class SyncFailureSourceTest {

    @Test
    void ourClientClosedDuringAGracefulStopIsNotCxonesFailure() {
        assertFalse(SyncSteps.fromCxone(new IllegalStateException("Client is closed")));
        assertFalse(SyncSteps.fromCxone(new NullPointerException()));
    }

    @Test
    void cxonesAnswersAndSilenceAre() {
        assertTrue(SyncSteps.fromCxone(new CxoneException.Transient("CXone answered 503", 503, "", Optional.empty())));
        assertTrue(SyncSteps.fromCxone(new TimeoutException("no answer in 30 s")));
        assertTrue(SyncSteps.fromCxone(new CircuitBreakerOpenException("open")));
    }
}
