package io.cxone.themes.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Function;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Wraps simulator handlers with what a real upstream does to callers: latency, 401s, 429s, 5xx and lost answers. */
@Singleton
public class ApiPipeline {
    private static final Logger LOG = Logger.getLogger(ApiPipeline.class);
    private static final int[] TRANSIENT = { 500, 502, 503, 504 };

    private final FaultSettings faults;
    private final TokenStore tokens;
    private final RateLimiter limiter;
    private final RetryTracker retries;
    private final SimulatorStats stats;
    private final WireJson json;
    private final SimClock clock;

    public ApiPipeline(FaultSettings faults, TokenStore tokens, RateLimiter limiter, RetryTracker retries,
            SimulatorStats stats, WireJson json, SimClock clock) {
        this.faults = faults;
        this.tokens = tokens;
        this.limiter = limiter;
        this.retries = retries;
        this.stats = stats;
        this.json = json;
        this.clock = clock;
    }

    /** A bearer-protected API endpoint with the whole fault set. */
    Handler<RoutingContext> api(String route, Function<RoutingContext, SimResponse> handler) {
        return ctx -> delayed(ctx, () -> guarded(ctx, route, handler));
    }

    /** An endpoint that only suffers latency (the token endpoint). */
    Handler<RoutingContext> latencyOnly(String route, Function<RoutingContext, SimResponse> handler) {
        return ctx -> delayed(ctx, () -> respond(ctx, route, run(ctx, handler)));
    }

    /** An endpoint without faults (the public channel endpoint), still counted in the stats. */
    Handler<RoutingContext> plain(String route, Function<RoutingContext, SimResponse> handler) {
        return ctx -> {
            SimResponse response = run(ctx, handler);
            stats.request(route, String.valueOf(response.status()));
            json.sendCamel(ctx, response); // the public channel API speaks camelCase
        };
    }

    // order: auth, rate limit, throttle, error, handler, drop; a 401 must not spend the client's rate budget
    private void guarded(RoutingContext ctx, String route, Function<RoutingContext, SimResponse> handler) {
        Faults f = faults.current();
        Optional<String> client = tokens.clientOf(bearer(ctx));
        if (client.isEmpty()) {
            respond(ctx, route, SimResponse.of(401, ErrorBody.of("invalid_token"))
                    .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
            return;
        }
        Instant now = clock.now();
        String fingerprint = RetryTracker.fingerprint(ctx, client.get());
        if (retries.isEarly(fingerprint, now)) {
            stats.earlyRetry();
        }
        long waitMs = limiter.tryAcquire(client.get(), f.ratePerSecond());
        if (waitMs > 0 || faults.chance(f.throttleRate())) {
            respond(ctx, route, throttled(f, fingerprint, now, waitMs));
        } else if (faults.chance(f.errorRate())) {
            int status = TRANSIENT[faults.nextInt(TRANSIENT.length)];
            respond(ctx, route, SimResponse.of(status,
                    new ErrorBody("transient_failure", "simulated upstream fault " + status + "; retry later")));
        } else {
            SimResponse response = run(ctx, handler);
            if (faults.chance(f.dropResponseRate())) {
                // the change is already applied: the caller must find out by reading, not by the answer
                stats.request(route, SimulatorStats.DROPPED);
                ctx.request().connection().close();
            } else {
                respond(ctx, route, response);
            }
        }
    }

    private SimResponse throttled(Faults f, String fingerprint, Instant now, long waitMs) {
        long seconds = Math.max(f.retryAfterSeconds(), (waitMs + 999) / 1000);
        Instant notBefore = now.plusSeconds(seconds);
        String retryAfter = String.valueOf(seconds);
        if (f.retryAfterAsDate()) {
            // an HTTP date has whole seconds: round up so that obeying it is never early
            notBefore = Instant.ofEpochSecond(notBefore.getEpochSecond() + (notBefore.getNano() > 0 ? 1 : 0));
            retryAfter = DateTimeFormatter.RFC_1123_DATE_TIME.format(notBefore.atOffset(ZoneOffset.UTC));
        }
        retries.throttled(fingerprint, notBefore);
        return SimResponse.of(429, new ErrorBody("too_many_requests", "rate limit exceeded; retry after "
                + retryAfter)).withHeader("Retry-After", retryAfter);
    }

    private void delayed(RoutingContext ctx, Runnable next) {
        long latency = faults.current().latencyMs();
        if (latency <= 0) {
            next.run();
        } else {
            ctx.vertx().setTimer(latency, id -> next.run()); // never block the event loop
        }
    }

    private SimResponse run(RoutingContext ctx, Function<RoutingContext, SimResponse> handler) {
        try {
            return handler.apply(ctx);
        } catch (SimFailure failure) {
            return failure.response();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Simulator handler failed on %s %s", ctx.request().method(), ctx.request().path());
            return SimResponse.of(500, new ErrorBody("internal_error", "simulator bug; see the log"));
        }
    }

    private void respond(RoutingContext ctx, String route, SimResponse response) {
        stats.request(route, String.valueOf(response.status()));
        json.send(ctx, response);
    }

    private static String bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }
}
