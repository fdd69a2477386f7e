package io.cxone.themes.sync;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How fleet sync jobs talk to CXone: batch size, request rate, concurrency and the lease that guards a job. */
@ConfigMapping(prefix = "app.sync")
public interface SyncSettings {
    /** Widget ids per batch-sync call; CXone refuses more than its max-batch-size (50 by default). */
    @WithDefault("50")
    int batchSize();

    /** Batch-sync calls per second started by one instance (CXone's per-client rate limit). */
    @WithDefault("10")
    double rate();

    /**
     * Batch-sync calls in flight at once (a slow or retried call never lets more pile up). 8 and not 4: at 10 calls/s
     * a cold start (first token, first writes: up to ~0.8 s) filled 4 slots and cost ticks (docs/benchmarks.md).
     */
    @WithDefault("8")
    int inFlight();



    /** Deprecated alias of {@code app.jobs.stream-recheck} (read only when that is not set). */
    @Deprecated
    Optional<Duration> eventInterval();

    /** Most widget ids a job may carry. */
    @WithDefault("100000")
    int maxWidgets();
}
