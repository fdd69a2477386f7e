package io.cxone.themes.preview;

import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers for every response: {@code X-Content-Type-Options: nosniff} everywhere (JSON, scripts, problem documents,
 * health), {@code Cache-Control: no-store} on API and preview answers (they carry drafts, audit events and tokens' views
 * that no shared cache may keep), and a strict Content-Security-Policy (with the response's style nonce) plus
 * no-referrer on every HTML page.
 */
@Singleton
public class SecurityHeaders {
    public static final String CSP = "Content-Security-Policy";
    /** Source expressions only: a {@code ;} or {@code ,} would let configuration smuggle in other directives. */
    private static final Pattern SOURCES = Pattern.compile("[\\x21-\\x7E&&[^;,]]+( [\\x21-\\x7E&&[^;,]]+)*");
    private final String frameAncestors;
    private final IconHosts iconHosts;

    /** With any https icon host allowed. */
    public SecurityHeaders(String frameAncestors) {
        this(frameAncestors, IconHosts.any());
    }

    @Inject
    public SecurityHeaders(@ConfigProperty(name = "app.preview.frame-ancestors", defaultValue = "'self'") String frameAncestors,
            IconHosts iconHosts) {
        this.iconHosts = iconHosts;
        String trimmed = frameAncestors.strip();
        if (!SOURCES.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("app.preview.frame-ancestors must be space-separated CSP sources such as "
                    + "'self' or https://portal.example.com (no ';' or ','), not: " + frameAncestors);
        }
        this.frameAncestors = trimmed;
    }

    void install(@Observes Router router) {
        // on the router rather than as a REST filter, so that static pages (the console), the simulator's Vert.x routes
        // and failures answered before any resource get them too
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String path = ctx.normalizedPath();
            ctx.addHeadersEndHandler(ignored -> decorate(ctx, path));
            ctx.next();
        });
    }

    private void decorate(RoutingContext ctx, String path) {
        MultiMap headers = ctx.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        if ((path.startsWith("/api/") || path.startsWith("/preview")) && !headers.contains(HttpHeaders.CACHE_CONTROL)) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        if (path.startsWith("/q/swagger-ui")) {
            // off in prod (APP_SWAGGER_UI); where it is on, no other site may frame it (its page keeps a pasted token)
            headers.set("X-Frame-Options", "DENY");
        }
        String type = headers.get(HttpHeaders.CONTENT_TYPE);
        // /q/ (Swagger UI, Dev UI) is left without a CSP, as it needs inline script
        if (!path.startsWith("/q/") && type != null && type.regionMatches(true, 0, "text/html", 0, 9)) {
            headers.set(CSP, policy(CspNonce.of(ctx)));
            headers.set("Referrer-Policy", "no-referrer");
        }
    }

    /** The policy for a page whose style element carries {@code nonce}; no inline script is ever allowed. */
    public String policy(String nonce) {
        return "default-src 'none'; style-src 'self' 'nonce-" + nonce + "'; script-src 'self'; img-src 'self' " + iconHosts.imageSources() + " data:; "
                + "connect-src 'self'; frame-ancestors " + frameAncestors + "; base-uri 'none'; form-action 'self'";
    }
}
