package io.cxone.themes.simulator;

import jakarta.inject.Singleton;

import io.vertx.ext.web.RoutingContext;

/** The open admin API under {@code /simulator/admin}: stats, faults, reset and forced token expiry. */
@Singleton
public class AdminHandler {
    private final SimulatorStats stats;
    private final FaultSettings faults;
    private final TokenStore tokens;
    private final ThemeStore themes;
    private final WidgetStore widgets;
    private final RateLimiter limiter;
    private final RetryTracker retries;
    private final ChannelHandler channels;
    private final WireJson json;

    public AdminHandler(SimulatorStats stats, FaultSettings faults, TokenStore tokens, ThemeStore themes,
            WidgetStore widgets, RateLimiter limiter, RetryTracker retries, ChannelHandler channels, WireJson json) {
        this.stats = stats;
        this.faults = faults;
        this.tokens = tokens;
        this.themes = themes;
        this.widgets = widgets;
        this.limiter = limiter;
        this.retries = retries;
        this.channels = channels;
        this.json = json;
    }

    SimResponse stats(RoutingContext ctx) {
        return SimResponse.of(200, stats.snapshot(faults.current()));
    }

    SimResponse faults(RoutingContext ctx) {
        return SimResponse.of(200, faults.current());
    }

    /** PUT replaces the whole set: absent fields take the configured defaults, not the current values. */
    SimResponse replaceFaults(RoutingContext ctx) {
        Faults next = FaultsParser.parse(json.body(ctx), faults.defaults());
        faults.set(next);
        limiter.clear(); // buckets are sized by the rate: start afresh under a new one
        return SimResponse.of(200, next);
    }

    SimResponse reset(RoutingContext ctx) {
        tokens.clear();
        themes.clear();
        widgets.clear();
        limiter.clear();
        retries.clear();
        channels.clear();
        stats.clear();
        faults.reset();
        return SimResponse.of(204, null);
    }

    SimResponse expireTokens(RoutingContext ctx) {
        tokens.expireAll();
        return SimResponse.of(204, null);
    }
}
