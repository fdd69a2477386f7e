package io.cxone.themes.simulator;

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

    private final SimulatorConfig config;
    private final SimulatorSwitch simulator;
    private final ApiPipeline pipeline;
    private final OAuthHandler oauth;
    private final ThemeHandler themes;
    private final AssignmentHandler assignments;
    private final BatchSyncHandler batch;
    private final AnalyticsHandler analytics;
    private final ChannelHandler channels;
    private final AdminHandler admin;
    private final WireJson json;

    public SimulatorRoutes(SimulatorConfig config, SimulatorSwitch simulator,
            ApiPipeline pipeline, OAuthHandler oauth, ThemeHandler themes, AssignmentHandler assignments,
            BatchSyncHandler batch, AnalyticsHandler analytics, ChannelHandler channels, AdminHandler admin, WireJson json) {
        this.config = config;
        this.simulator = simulator;
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

    /** {@link SimulatorSwitch#on()}, the one rule, decides whether the simulator is made and mounted. */
    static void init(@Observes Router router, SimulatorSwitch simulator, Instance<SimulatorRoutes> routes) {
        if (!simulator.on()) {
            LOG.debug("CXone simulator off: a CXone base URL is configured");
            return;
        }
        routes.get().mount(router);
    }

    private void mount(Router router) {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warnf("CXone simulator ON in a packaged service (CXONE_SIMULATOR=true): it answers in place of CXone at %s "
                    + "and its admin API (%s) needs a token with role simulator-admin; never use this in production",
                    BASE, ADMIN);
        }
        // after Quarkus's authentication handlers (lower orders), before the admin routes registered below
        router.route(ADMIN + "/*").handler(SimulatorRoutes::requireAdmin);
        // no file uploads: Vert.x would otherwise write any multipart part to ./file-uploads (a disk filler)
        router.route("/simulator/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
        cxone(router, HttpMethod.POST, "/oauth/token", r -> pipeline.latencyOnly(r, oauth::token));
        cxone(router, HttpMethod.GET, "/.well-known/openid-configuration", r -> pipeline.latencyOnly(r, oauth::discovery));
        cxone(router, HttpMethod.POST, MESSAGING + "/widgets/{widgetId}/themes", r -> pipeline.api(r, themes::create));
        cxone(router, HttpMethod.GET, MESSAGING + "/themes/{themeId}/status", r -> pipeline.api(r, themes::status));
        cxone(router, HttpMethod.PUT, MESSAGING + "/widgets/{widgetId}/theme-assignments", r -> pipeline.api(r, assignments::replace));
        cxone(router, HttpMethod.GET, MESSAGING + "/widgets/{widgetId}/theme-assignments", r -> pipeline.api(r, assignments::page));
        cxone(router, HttpMethod.POST, MESSAGING + "/widgets/batch-sync", r -> pipeline.api(r, batch::sync));
        cxone(router, HttpMethod.GET, "/api/v1/analytics/webmessaging/widget-performance", r -> pipeline.api(r, analytics::performance));
        cxone(router, HttpMethod.GET, "/api/v1/analytics/webmessaging/theme-performance", r -> pipeline.api(r, analytics::themePerformance));
        String channel = "/{env}/{domain}/chat/1.0/brand/{brandId}/channel/{channelId}";
        router.route(HttpMethod.GET, vertxPath(CHANNELS + channel)).handler(pipeline.plain("GET /channels" + channel, channels::appearance));
        admin(router, HttpMethod.GET, "/stats", admin::stats);
        admin(router, HttpMethod.GET, "/faults", admin::faults);
        admin(router, HttpMethod.PUT, "/faults", admin::replaceFaults);
        admin(router, HttpMethod.POST, "/reset", admin::reset);
        admin(router, HttpMethod.GET, "/clock", admin::clock);
        admin(router, HttpMethod.POST, "/clock", admin::changeClock);
        admin(router, HttpMethod.POST, "/tokens/expire", admin::expireTokens);
        admin(router, HttpMethod.PUT, "/analytics", admin::replaceAnalytics);
        admin(router, HttpMethod.PUT, "/channels/{brandId}/{channelId}", channels::override);
        admin(router, HttpMethod.DELETE, "/channels/{brandId}/{channelId}", channels::restore);
        LOG.infof("CXone simulator serves %s (OAuth client '%s'), public channel appearance under %s, admin API under %s",
                BASE, config.clientId(), CHANNELS, ADMIN);
    }

    /** A CXone route; its stats key is the method and the template relative to {@link #BASE}. */
    private static void cxone(Router router, HttpMethod method, String template,
            Function<String, Handler<RoutingContext>> handler) {
        router.route(method, vertxPath(BASE + template)).handler(handler.apply(method.name() + " " + template));
    }

    private void admin(Router router, HttpMethod method, String template, Function<RoutingContext, SimResponse> handler) {
        router.route(method, vertxPath(ADMIN + template)).handler(ctx -> {
            try {
                json.sendCamel(ctx, handler.apply(ctx));
            } catch (SimFailure failure) {
                json.sendCamel(ctx, failure.response());
            }
        });
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
