package io.cxone.themes.jobs;

import java.time.Duration;
import java.util.Optional;

/**
 * How the engine runs one kind: the same keys for every kind, under {@code app.jobs.<kind>.*}. A kind declares
 * {@code @ConfigMapping(prefix = "app.jobs.<kind>") interface XJobSettings extends JobSettings {}}; the defaults are
 * in application.properties, where each key is documented. The retry keys fall back to the engine-wide ones
 * ({@link RetryDefaults}).
 */
public interface JobSettings {

    /** How long a claim holds without renewal (renewed every third of it); a crashed instance's jobs are taken over after it. */
    Duration lease();

    /** How often an instance looks for runnable jobs nobody holds. A backstop: an enqueue wakes workers at once. */
    Duration scan();

    /** At most this many claimed per scan. */
    int batch();

    /** At most this many held by one instance at once. */
    int maxHeld();

    /** Consecutive failed units after which the job ends in its kind's failure state (default APP_JOBS_MAX_ATTEMPTS). */
    Optional<Integer> maxAttempts();

    /** The first retry's delay; each later one doubles, with jitter (default APP_JOBS_RETRY_BASE). */
    Optional<Duration> retryBase();

    /** No retry waits longer (default APP_JOBS_RETRY_MAX). */
    Optional<Duration> retryMax();
}
