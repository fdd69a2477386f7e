package io.cxone.themes.cxone;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Backoff between CXone attempts: CXone's own {@code Retry-After} when it gave one (never earlier, capped), otherwise
 * exponential with jitter ("equal jitter": half fixed, half random) up to a cap. SmallRye FT makes one instance per
 * guarded invocation, so the attempt counter is per call.
 */
public class RetryAfterBackoff implements CustomBackoffStrategy {
    private long initialMillis;
    private long maxBackoffMillis;
    private long maxRetryAfterMillis;
    private int attempt;

    @Override
    public void init(long initialDelayInMillis) {
        initialMillis = Math.max(1, initialDelayInMillis);
        var config = ConfigProvider.getConfig();
        maxBackoffMillis = config.getOptionalValue("cxone.retry.max-backoff", Duration.class)
                .orElse(Duration.ofSeconds(4)).toMillis();
        maxRetryAfterMillis = config.getOptionalValue("cxone.retry.max-retry-after", Duration.class)
                .orElse(Duration.ofSeconds(30)).toMillis();
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        long exponential = Math.min(maxBackoffMillis, initialMillis << Math.min(attempt++, 20));
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        Optional<Duration> retryAfter = cause instanceof CxoneException e ? e.retryAfter() : Optional.empty();
        return retryAfter.map(wait -> delayFor(wait, jittered)).orElse(jittered);
    }

    /**
     * CXone's wait, plus a little spread so that callers throttled together do not return together; cut to the cap
     * so one answer cannot park a caller for long (the total budget then fails the call instead).
     */
    long delayFor(Duration retryAfter, long jittered) {
        long wait = Math.min(retryAfter.toMillis(), maxRetryAfterMillis);
        return wait + Math.min(jittered, wait / 10 + 50);
    }
}
