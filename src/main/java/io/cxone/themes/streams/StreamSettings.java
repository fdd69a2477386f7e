package io.cxone.themes.streams;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits of the server-sent event streams ({@code app.sse.*}, env {@code APP_SSE_*}). An open stream costs a
 * connection, a file descriptor and some heap for as long as the client keeps it, so it is counted like any other
 * resource a caller can hold (docs/security.md, "Streams").
 */
@ConfigMapping(prefix = "app.sse")
public interface StreamSettings {
    /** Streams one instance keeps open at once, all endpoints and callers together; past it 429. */
    @WithDefault("1000")
    int max();

    /**
     * Streams one token subject keeps open at once on this instance; past it 429. A console tab holds one or two, a
     * portal a few per user session: 20 leaves room for those and stops one caller from taking the instance's share.
     */
    @WithDefault("20")
    int maxPerSubject();

    /**
     * How often an idle stream sends a comment line ({@code :heartbeat}). A write is the only way a server learns that
     * a client has gone without closing its connection, so this is also how soon such a stream's slot is freed; and it
     * keeps proxies from closing a quiet stream. Also the {@code Retry-After} of the 429.
     */
    @WithDefault("15s")
    Duration heartbeat();
}
