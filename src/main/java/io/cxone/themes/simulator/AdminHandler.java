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
    private final ThemeAnalytics analytics;

    public AdminHandler(SimulatorStats stats, FaultSettings faults, TokenStore tokens, ThemeStore themes,
            WidgetStore widgets, RateLimiter limiter, RetryTracker retries, ChannelHandler channels, WireJson json,
            SimClock clock, ThemeAnalytics analytics) {
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
        this.analytics = analytics;
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
        analytics.clear();
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

    /**
     * Sets one theme's analytics: {@code {themeId, themeLoadP95Ms, renderP95Ms, firstPaintP95Ms, samplesPerMinute}};
     * a PUT replaces the theme's whole profile, so an absent figure takes the theme's default.
     */
    SimResponse replaceAnalytics(RoutingContext ctx) {
        JsonNode body = json.body(ctx);
        List<WireError> errors = new ArrayList<>();
        java.util.Set<String> known = java.util.Set.of("themeId", "themeLoadP95Ms", "renderP95Ms", "firstPaintP95Ms",
                "samplesPerMinute");
        body.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.add(new WireError(name, "unknown field"));
            }
        });
        JsonNode theme = body.get("themeId");
        if (theme == null || !theme.isTextual() || theme.asText().isBlank() || theme.asText().length() > 100) {
            errors.add(new WireError("themeId", "is required: the CXone theme id (1 to 100 characters)"));
            throw SimFailure.badRequest(errors);
        }
        ThemeAnalytics.Profile d = ThemeAnalytics.defaults(theme.asText());
        ThemeAnalytics.Profile next = new ThemeAnalytics.Profile(theme.asText(),
                figure(body, "themeLoadP95Ms", d.themeLoadP95Ms(), 1, errors),
                figure(body, "renderP95Ms", d.renderP95Ms(), 1, errors),
                figure(body, "firstPaintP95Ms", d.firstPaintP95Ms(), 1, errors),
                figure(body, "samplesPerMinute", d.samplesPerMinute(), 0, errors));
        if (!errors.isEmpty()) {
            throw SimFailure.badRequest(errors);
        }
        analytics.set(next);
        return SimResponse.of(200, next);
    }

    private static long figure(JsonNode body, String name, long fallback, long min, List<WireError> errors) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        long max = 10_000_000;
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            errors.add(new WireError(name, "must be an integer from " + min + " to " + max));
            return fallback;
        }
        return node.asLong();
    }

    SimResponse expireTokens(RoutingContext ctx) {
        tokens.expireAll();
        return SimResponse.of(204, null);
    }
}
