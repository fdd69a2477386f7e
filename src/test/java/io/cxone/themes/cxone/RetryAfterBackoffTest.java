package io.cxone.themes.cxone;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Runs inside Quarkus because the strategy reads its caps from configuration, as it does in production. */
@QuarkusTest
@io.quarkus.test.common.WithTestResource(io.cxone.themes.support.JwtTestKeys.class)
class RetryAfterBackoffTest {

    @Test
    void neverWaitsLessThanRetryAfterAndCapsIt() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            RetryAfterBackoff backoff = new RetryAfterBackoff();
            backoff.init(200);
            long seconds = random.nextInt(120);
            long delay = backoff.nextDelayInMillis(transientWith(Duration.ofSeconds(seconds)));
            long expectedFloor = Math.min(seconds * 1000, 30_000);
            assertTrue(delay >= expectedFloor, "seed " + seed + ": " + delay + " < Retry-After " + seconds + " s");
            assertTrue(delay <= expectedFloor + expectedFloor / 10 + 50, "seed " + seed + ": " + delay + " too long for " + seconds + " s");
        }
    }

    @Test
    void growsExponentiallyWithJitterUpToTheCap() {
        RetryAfterBackoff backoff = new RetryAfterBackoff();
        backoff.init(200);
        long[] ceilings = { 200, 400, 800, 1600, 3200, 4000, 4000, 4000 };
        for (long ceiling : ceilings) {
            long delay = backoff.nextDelayInMillis(new CxoneException.Transient("503", 503, "", Optional.empty()));
            assertTrue(delay >= ceiling / 2 && delay <= ceiling, delay + " outside [" + ceiling / 2 + ", " + ceiling + "]");
        }
    }

    private static CxoneException transientWith(Duration retryAfter) {
        return new CxoneException.Throttled("429", "", Optional.of(retryAfter));
    }
}
