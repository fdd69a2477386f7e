package io.cxone.themes.jobs;

import java.time.Duration;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The engine-wide failure policy; a kind may override each key under {@code app.jobs.<kind>.*}. Plain properties, not
 * a {@code @ConfigMapping} on {@code app.jobs}: that prefix is also the key {@code app.jobs=on|off} itself
 * ({@link ThisInstance}), which a mapping of the prefix would reject as unmapped.
 */
@Singleton
final class RetryDefaults {
    private final int maxAttempts;
    private final Duration retryBase;
    private final Duration retryMax;

    RetryDefaults(@ConfigProperty(name = "app.jobs.max-attempts", defaultValue = "8") int maxAttempts,
            @ConfigProperty(name = "app.jobs.retry-base", defaultValue = "1s") Duration retryBase,
            @ConfigProperty(name = "app.jobs.retry-max", defaultValue = "5m") Duration retryMax) {
        this.maxAttempts = maxAttempts;
        this.retryBase = retryBase;
        this.retryMax = retryMax;
    }

    /** {@code APP_JOBS_MAX_ATTEMPTS}: consecutive failed units before the job ends in its kind's failure state. */
    int maxAttempts() {
        return maxAttempts;
    }

    /** {@code APP_JOBS_RETRY_BASE}: the first retry's delay. */
    Duration retryBase() {
        return retryBase;
    }

    /** {@code APP_JOBS_RETRY_MAX}: the cap of any retry's delay. */
    Duration retryMax() {
        return retryMax;
    }
}
