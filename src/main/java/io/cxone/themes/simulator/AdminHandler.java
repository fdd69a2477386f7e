package io.cxone.themes.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.ext.web.RoutingContext;

/** The open admin API under {@code /simulator/admin}: stats, faults, the clock, reset and forced token expiry. */
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
    private final SimClock clock;

    public AdminHandler(SimulatorStats stats, FaultSettings faults, TokenStore tokens, ThemeStore themes,
            WidgetStore widgets, RateLimiter limiter, RetryTracker retries, ChannelHandler channels, WireJson json,
            SimClock clock) {
        this.stats = stats;
        this.faults = faults;
        this.tokens = tokens;
        this.themes = themes;
        this.widgets = widgets;
        this.limiter = limiter;
        this.retries = retries;
        this.channels = channels;
        this.json = json;
        this.clock = clock;
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
        resetAll();
        return SimResponse.of(204, null);
    }

    /** Clears every piece of state and every counter, restores the default faults and the real clock. */
    public void resetAll() {
        tokens.clear();
        themes.clear();
        widgets.clear();
        retries.clear();
        channels.clear();
        stats.clear();
        restoreFaultsAndClock();
    }

    /** Default faults, fresh rate-limit buckets and the real clock; themes, tokens and counters stay. */
    public void restoreFaultsAndClock() {
        faults.reset();
        limiter.clear();
        clock.reset();
    }

    SimResponse clock(RoutingContext ctx) {
        return SimResponse.of(200, clock.reading());
    }

    /**
     * Moves the simulator's time: {@code {"freeze": true|false, "advanceMs": n}} (both optional; freezing happens
     * first). Tests make tokens expire, activations complete and rate-limit windows pass this way, without sleeping.
     */
    SimResponse changeClock(RoutingContext ctx) {
        JsonNode body = json.body(ctx);
        List<WireError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("freeze") && !name.equals("advanceMs")) {
                errors.add(new WireError(name, "unknown field"));
            }
        });
        JsonNode freeze = body.get("freeze");
        if (freeze != null && !freeze.isBoolean()) {
            errors.add(new WireError("freeze", "must be true or false"));
        }
        JsonNode advance = body.get("advanceMs");
        if (advance != null && (!advance.isIntegralNumber() || !advance.canConvertToLong() || advance.asLong() < 0
                || advance.asLong() > Duration.ofDays(366).toMillis())) {
            errors.add(new WireError("advanceMs", "must be an integer from 0 to " + Duration.ofDays(366).toMillis()));
        }
        if (!errors.isEmpty()) {
            throw SimFailure.badRequest(errors);
        }
        if (freeze != null) {
            if (freeze.asBoolean()) {
                clock.freeze();
            } else {
                clock.unfreeze();
            }
        }
        if (advance != null) {
            clock.advance(Duration.ofMillis(advance.asLong()));
        }
        return SimResponse.of(200, clock.reading());
    }

    SimResponse expireTokens(RoutingContext ctx) {
        tokens.expireAll();
        return SimResponse.of(204, null);
    }
}
