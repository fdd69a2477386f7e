package io.cxone.themes.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.cxone.themes.problem.Problem;
import io.cxone.themes.security.Roles;
import io.quarkus.arc.properties.UnlessBuildProperty;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Mounts the CXone simulator on the HTTP router, only when no real CXone is configured (or it is forced on).
 * <p>
 * Not in the native executable: a native build ({@code quarkus.native.enabled=true}, the {@code native} Maven profile)
 * drops this bean at build time, and with it its router and startup observers; every other simulator bean is reachable
 * only from here, so ArC removes them as unused and native-image never compiles them. The executable's startup check
 * is {@code cxone.NativeCxoneCheck}. The JVM jar, dev mode and the tests keep the simulator
 * ({@code enableIfMissing}). {@code .ci/native-sources.sh} proves from the build output that no simulator bean is left.
 */
@Singleton
@UnlessBuildProperty(name = "quarkus.native.enabled", stringValue = "true", enableIfMissing = true)
public class SimulatorRoutes {
    static final String BASE = "/simulator/cxone";
    static final String ADMIN = "/simulator/admin";
    static final String CHANNELS = "/simulator/channels";
    static final String MESSAGING = "/api/v1/omnichannel/webmessaging";
    private static final Logger LOG = Logger.getLogger(SimulatorRoutes.class);
    private static final long MAX_BODY = 1024 * 1024;

    private final ApiPipeline pipeline;
    private final OAuthHandler oauth;
    private final ThemeHandler themes;
    private final AssignmentHandler assignments;
    private final BatchSyncHandler batch;
    private final AnalyticsHandler analytics;
    private final ChannelHandler channels;
    private final AdminHandler admin;
    private final WireJson json;

    public SimulatorRoutes(ApiPipeline pipeline, OAuthHandler oauth, ThemeHandler themes, AssignmentHandler assignments,
            BatchSyncHandler batch, AnalyticsHandler analytics, ChannelHandler channels, AdminHandler admin, WireJson json) {
        this.pipeline = pipeline;
        this.oauth = oauth;
        this.themes = themes;
        this.assignments = assignments;
        this.batch = batch;
        this.analytics = analytics;
        this.channels = channels;
        this.admin = admin;
        this.json = json;
    }

    /**
     * Refuses to start with neither a CXone nor the simulator: every CXone call would go nowhere. Static, like
     * {@link #init}: with the simulator off, nothing of it is made (its handlers, stores and JSON mappers).
     */
    static void check(@Observes StartupEvent ignored, SimulatorSwitch simulator) {
        if (!simulator.on() && !simulator.baseUrlSet()) {
            throw new IllegalStateException("No CXone configured: set CXONE_BASE_URL (with CXONE_CLIENT_ID and "
                    + "CXONE_CLIENT_SECRET) to use CXone, or CXONE_SIMULATOR=true to serve the built-in CXone simulator "
                    + "(for trials and tests only; its admin API then needs a token with role simulator-admin)");
        }
    }

    /**
     * Every route {@link #handlers} serves, in the order they are mounted: method and path template (relative to the
     * router's root). Their handlers, and the simulator's beans behind them, are made at the first simulator request,
     * not at start: the way to the first 200 of readiness needs none of them (docs/benchmarks.md, "quarkus-oidc's start
     * cost").
     */
    static final List<String> ROUTES = List.of(
            "POST " + BASE + "/oauth/token",
            "GET " + BASE + "/.well-known/openid-configuration",
            "POST " + BASE + MESSAGING + "/widgets/{widgetId}/themes",
            "GET " + BASE + MESSAGING + "/themes/{themeId}/status",
            "PUT " + BASE + MESSAGING + "/widgets/{widgetId}/theme-assignments",
            "GET " + BASE + MESSAGING + "/widgets/{widgetId}/theme-assignments",
            "POST " + BASE + MESSAGING + "/widgets/batch-sync",
            "GET " + BASE + "/api/v1/analytics/webmessaging/widget-performance",
            "GET " + BASE + "/api/v1/analytics/webmessaging/theme-performance",
            "GET " + CHANNELS + "/{env}/{domain}/chat/1.0/brand/{brandId}/channel/{channelId}",
            "GET " + ADMIN + "/stats",
            "GET " + ADMIN + "/faults",
            "PUT " + ADMIN + "/faults",
            "POST " + ADMIN + "/reset",
            "GET " + ADMIN + "/clock",
            "POST " + ADMIN + "/clock",
            "POST " + ADMIN + "/tokens/expire",
            "PUT " + ADMIN + "/analytics",
            "PUT " + ADMIN + "/channels/{brandId}/{channelId}",
            "DELETE " + ADMIN + "/channels/{brandId}/{channelId}");

    /** {@link SimulatorSwitch#on()}, the one rule, decides whether the simulator is made and mounted. */
    static void init(@Observes Router router, SimulatorSwitch simulator, SimulatorConfig config,
            Instance<SimulatorRoutes> routes) {
        if (!simulator.on()) {
            LOG.debug("CXone simulator off: a CXone base URL is configured");
            return;
        }
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warnf("CXone simulator ON in a packaged service (CXONE_SIMULATOR=true): it answers in place of CXone at %s "
                    + "and its admin API (%s) needs a token with role simulator-admin; never use this in production",
                    BASE, ADMIN);
        }
        // after Quarkus's authentication handlers (lower orders), before the admin routes registered below
        router.route(ADMIN + "/*").handler(SimulatorRoutes::requireAdmin);
        // no file uploads: Vert.x would otherwise write any multipart part to ./file-uploads (a disk filler)
        router.route("/simulator/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
        OnFirstUse handlers = new OnFirstUse(routes);
        for (String route : ROUTES) {
            int space = route.indexOf(' ');
            router.route(HttpMethod.valueOf(route.substring(0, space)), vertxPath(route.substring(space + 1)))
                    .handler(new Deferred(handlers, route));
        }
        LOG.infof("CXone simulator serves %s (OAuth client '%s'), public channel appearance under %s, admin API under %s",
                BASE, config.clientId(), CHANNELS, ADMIN);
    }

    /** The handler of each of {@link #ROUTES}, by its entry there; the keys must be exactly {@link #ROUTES}. */
    Map<String, Handler<RoutingContext>> handlers() {
        Map<String, Handler<RoutingContext>> handlers = new LinkedHashMap<>();
        cxone(handlers, HttpMethod.POST, "/oauth/token", r -> pipeline.latencyOnly(r, oauth::token));
        cxone(handlers, HttpMethod.GET, "/.well-known/openid-configuration", r -> pipeline.latencyOnly(r, oauth::discovery));
        cxone(handlers, HttpMethod.POST, MESSAGING + "/widgets/{widgetId}/themes", r -> pipeline.api(r, themes::create));
        cxone(handlers, HttpMethod.GET, MESSAGING + "/themes/{themeId}/status", r -> pipeline.api(r, themes::status));
        cxone(handlers, HttpMethod.PUT, MESSAGING + "/widgets/{widgetId}/theme-assignments", r -> pipeline.api(r, assignments::replace));
        cxone(handlers, HttpMethod.GET, MESSAGING + "/widgets/{widgetId}/theme-assignments", r -> pipeline.api(r, assignments::page));
        cxone(handlers, HttpMethod.POST, MESSAGING + "/widgets/batch-sync", r -> pipeline.api(r, batch::sync));
        cxone(handlers, HttpMethod.GET, "/api/v1/analytics/webmessaging/widget-performance", r -> pipeline.api(r, analytics::performance));
        cxone(handlers, HttpMethod.GET, "/api/v1/analytics/webmessaging/theme-performance", r -> pipeline.api(r, analytics::themePerformance));
        String channel = "/{env}/{domain}/chat/1.0/brand/{brandId}/channel/{channelId}";
        handlers.put("GET " + CHANNELS + channel, pipeline.plain("GET /channels" + channel, channels::appearance));
        admin(handlers, HttpMethod.GET, "/stats", admin::stats);
        admin(handlers, HttpMethod.GET, "/faults", admin::faults);
        admin(handlers, HttpMethod.PUT, "/faults", admin::replaceFaults);
        admin(handlers, HttpMethod.POST, "/reset", admin::reset);
        admin(handlers, HttpMethod.GET, "/clock", admin::clock);
        admin(handlers, HttpMethod.POST, "/clock", admin::changeClock);
        admin(handlers, HttpMethod.POST, "/tokens/expire", admin::expireTokens);
        admin(handlers, HttpMethod.PUT, "/analytics", admin::replaceAnalytics);
        admin(handlers, HttpMethod.PUT, "/channels/{brandId}/{channelId}", channels::override);
        admin(handlers, HttpMethod.DELETE, "/channels/{brandId}/{channelId}", channels::restore);
        if (!handlers.keySet().equals(Set.copyOf(ROUTES))) {
            throw new IllegalStateException("SimulatorRoutes.ROUTES and handlers() disagree: " + handlers.keySet());
        }
        return handlers;
    }

    /** A CXone route; its stats key is the method and the template relative to {@link #BASE}. */
    private static void cxone(Map<String, Handler<RoutingContext>> handlers, HttpMethod method, String template,
            Function<String, Handler<RoutingContext>> handler) {
        handlers.put(method.name() + " " + BASE + template, handler.apply(method.name() + " " + template));
    }

    private void admin(Map<String, Handler<RoutingContext>> handlers, HttpMethod method, String template,
            Function<RoutingContext, SimResponse> handler) {
        handlers.put(method.name() + " " + ADMIN + template, ctx -> {
            try {
                json.sendCamel(ctx, handler.apply(ctx));
            } catch (SimFailure failure) {
                json.sendCamel(ctx, failure.response());
            }
        });
    }

    /** The simulator's handlers, made once, at the first request that needs one (any thread: the bean is a singleton). */
    private static final class OnFirstUse {
        private final Instance<SimulatorRoutes> routes;
        private volatile Map<String, Handler<RoutingContext>> handlers;

        OnFirstUse(Instance<SimulatorRoutes> routes) {
            this.routes = routes;
        }

        Handler<RoutingContext> get(String route) {
            Map<String, Handler<RoutingContext>> made = handlers;
            if (made == null) {
                synchronized (this) {
                    made = handlers;
                    if (made == null) {
                        made = routes.get().handlers();
                        handlers = made;
                    }
                }
            }
            return made.get(route);
        }
    }

    /** A route's place in the router from the start; its handler from {@link OnFirstUse}. */
    private record Deferred(OnFirstUse handlers, String route) implements Handler<RoutingContext> {
        @Override
        public void handle(RoutingContext ctx) {
            handlers.get(route).handle(ctx);
        }
    }

    /**
     * A packaged service serves the admin API only to tokens with role simulator-admin (dev and test keep it open for
     * the suite and local trials). Checked here rather than by an HTTP permission, whose refusal is a bare 401: a
     * refusal is a problem document naming what is needed, like every other one of this service.
     */
    private static void requireAdmin(RoutingContext ctx) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            ctx.next();
            return;
        }
        Uni<SecurityIdentity> identity =
                ctx.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (identity == null) {
            refuse(ctx, 401);
            return;
        }
        identity.subscribe().with(who -> {
            if (who.isAnonymous()) {
                refuse(ctx, 401);
            } else if (!who.hasRole(Roles.SIMULATOR_ADMIN)) {
                refuse(ctx, 403);
            } else {
                ctx.next();
            }
        }, failure -> refuse(ctx, 401)); // an invalid token is no identity
    }

    private static void refuse(RoutingContext ctx, int status) {
        String detail = status == 401 ? "The simulator's admin API needs a valid bearer token with role simulator-admin"
                : "The simulator's admin API needs role simulator-admin in the token's groups";
        Problem problem = Problem
                .of(status, status == 401 ? "Unauthorized" : "Forbidden", detail).withInstance(ctx.normalizedPath());
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("X-Content-Type-Options", "nosniff").end(Json.encode(problem));
    }

    private static String vertxPath(String template) {
        return template.replaceAll("\\{(\\w+)}", ":$1");
    }
}
