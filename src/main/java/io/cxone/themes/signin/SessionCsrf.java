package io.cxone.themes.signin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.cxone.themes.problem.Problem;
import io.cxone.themes.web.ProblemMappers;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The console session's defence against cross-site requests (SPEC section 10): the console page carries a per-session
 * token in {@code <meta name="csrf-token">}, api.js sends it as {@value #HEADER}, and an /api call whose identity is the
 * session cookie's must carry it (403 otherwise). Portals' bearer calls are untouched: a browser never adds a bearer
 * header on its own. The token is an HMAC of the provider's session id ({@code sid}, kept across refreshes; else the
 * subject and the sign-in time) under a key derived from the client secret, so every replica computes the same one
 * and nothing is stored.
 */
@Singleton
public class SessionCsrf {
    static final String HEADER = "X-CSRF-Token";
    static final String EMPTY_META = "<meta name=\"csrf-token\" content=\"\">";
    static final String EMPTY_PERSON = "<meta name=\"signed-in-as\" content=\"\">";
    static final String EMPTY_ROLES = "<meta name=\"signed-in-roles\" content=\"\">";
    static final String SESSION_COOKIE = "q_session";

    private final boolean enabled;
    private final Optional<String> clientSecret;
    /** Derived at the first token, not at start: the HMAC set-up loads the JCA's Mac classes (docs/benchmarks.md). */
    private volatile byte[] key;
    private volatile String page;

    public SessionCsrf(@ConfigProperty(name = SignInConfigSourceFactory.ISSUER) Optional<String> issuer,
            @ConfigProperty(name = "app.oidc.client-secret") Optional<String> clientSecret) {
        this.enabled = issuer.isPresent();
        this.clientSecret = clientSecret;
    }

    /** Once per instance: a public client's random seed must not change between two tokens of the same session. */
    private byte[] key() {
        byte[] derived = key;
        if (derived == null) {
            synchronized (this) {
                derived = key;
                if (derived == null) {
                    derived = derive(clientSecret);
                    key = derived;
                }
            }
        }
        return derived;
    }

    private static byte[] derive(Optional<String> clientSecret) {
        byte[] seed = clientSecret.map(s -> s.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            byte[] random = new byte[32]; // a public client: tokens of this instance only (one replica)
            new SecureRandom().nextBytes(random);
            return random;
        });
        return hmac(seed, "cxone-theme-service console csrf v1");
    }

    /**
     * The console page with this session's token, for a signed-in browser; without the sign-in, the static page.
     * Static, with the bean looked up only when the sign-in is on: a start without {@code OIDC_ISSUER_URL} makes no
     * SessionCsrf (the way to the first 200 of readiness carries nothing of the sign-in it does not need).
     */
    static void install(@Observes Router router,
            @ConfigProperty(name = SignInConfigSourceFactory.ISSUER) Optional<String> issuer,
            Instance<SessionCsrf> csrf) {
        if (issuer.isEmpty()) {
            return;
        }
        SessionCsrf bean = csrf.get();
        for (String path : new String[] { "/", "/index.html" }) {
            router.route(HttpMethod.GET, path).handler(bean::consolePage);
        }
    }

    private void consolePage(RoutingContext ctx) {
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(identity -> {
            String token = tokenOf(identity);
            if (token == null) {
                ctx.next();
                return;
            }
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store")
                    .end(page().replace(EMPTY_META, "<meta name=\"csrf-token\" content=\"" + token + "\">")
                            .replace(EMPTY_PERSON, "<meta name=\"signed-in-as\" content=\"" + attribute(person(identity))
                                    + "\">")
                            .replace(EMPTY_ROLES, "<meta name=\"signed-in-roles\" content=\""
                                    + attribute(String.join(" ", new java.util.TreeSet<>(identity.getRoles()))) + "\">"));
        }, ctx::fail);
    }

    private String page() {
        if (page == null) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/resources/index.html")) {
                page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return page;
    }

    /** 403 for an /api call made with the session cookie but without this session's token. */
    @ServerRequestFilter
    public Uni<Response> check(ContainerRequestContext request, RoutingContext routing) {
        if (!enabled || !request.getUriInfo().getPath().startsWith("/api")
                || request.getCookies().keySet().stream().noneMatch(name -> name.startsWith(SESSION_COOKIE))) {
            return Uni.createFrom().nullItem();
        }
        String sent = request.getHeaderString(HEADER);
        return QuarkusHttpUser.getSecurityIdentity(routing, null).map(identity -> {
            String expected = tokenOf(identity);
            if (expected == null || (sent != null && MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.US_ASCII)))) {
                return null; // not the session's identity (a bearer call), or the right token
            }
            return ProblemMappers.builder(Problem.of(403, "Forbidden", "A console call with the session cookie must "
                    + "carry the header " + HEADER + " with the token of the console page's <meta name=\"csrf-token\">; "
                    + "reload the console and try again."), request.getUriInfo()).build();
        });
    }

    /** "Alice Admin (alice), roles auditor, theme-viewer": who the console says is signed in. */
    static String person(SecurityIdentity identity) {
        JsonWebToken id = (JsonWebToken) identity.getPrincipal();
        String user = id.getClaim("preferred_username");
        String name = id.getClaim("name");
        String who = name != null && user != null ? name + " (" + user + ")" : name != null ? name
                : user != null ? user : id.getSubject();
        return who + ", roles " + (identity.getRoles().isEmpty() ? "none"
                : String.join(", ", new java.util.TreeSet<>(identity.getRoles())));
    }

    /** Text as an HTML attribute value: a display name is the person's to choose, so it may hold markup. */
    static String attribute(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&#39;");
    }

    /** This session's token, or null when the identity is not a signed-in person's. */
    String tokenOf(SecurityIdentity identity) {
        String session = sessionOf(identity);
        return session == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key(), session));
    }

    /**
     * The provider's session behind a signed-in identity ({@code sid}, kept across refreshes; else the subject and the
     * sign-in time), or null when the identity is not a signed-in person's.
     */
    static String sessionOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || identity.getCredential(IdTokenCredential.class) == null
                || !(identity.getPrincipal() instanceof JsonWebToken id)) {
            return null;
        }
        Object sid = id.getClaim("sid");
        Object authTime = id.getClaim("auth_time");
        return sid != null ? "sid:" + sid : "sub:" + id.getSubject() + ":" + authTime;
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
