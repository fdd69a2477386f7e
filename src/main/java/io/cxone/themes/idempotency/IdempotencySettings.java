package io.cxone.themes.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long answers to keyed creating POSTs are kept, and how their expired records are purged. */
@ConfigMapping(prefix = "app.idempotency")
public interface IdempotencySettings {

    /**
     * {@code APP_IDEMPOTENCY_TTL}: a retry with the same key within this time gets the first answer; after it the key
     * is free again (a new request). Stripe's and the IETF draft's 24 h: longer than any client's retry loop.
     */
    @WithDefault("24h")
    Duration ttl();

    /** How often each instance deletes expired keys. */
    @WithDefault("1m")
    Duration purgeInterval();

    /**
     * At most this many expired keys are deleted per statement, and at most ten statements run per purge: a backlog
     * (after a long outage) is worked off in bounded steps instead of one long delete holding locks.
     */
    @WithDefault("1000")
    int purgeBatch();
}
