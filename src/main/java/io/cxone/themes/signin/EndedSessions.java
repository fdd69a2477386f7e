package io.cxone.themes.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.cxone.themes.problem.Problem;
import io.cxone.themes.web.ProblemMappers;
import io.quarkus.oidc.SecurityEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sign out that holds: the session cookie carries its own tokens, so after {@code GET /logout} a copy of the
 * old cookie would still authenticate until they expire. The ended session goes into {@code ended_console_sessions}
 * (V20) and an /api call with an ended session's cookie is 401, on every replica.
 */
@Singleton
public class EndedSessions {
    private static final Logger LOG = Logger.getLogger(EndedSessions.class);
    /** Longer than a session can live (the provider's SSO session maximum is hours): older rows protect nothing. */
    private static final String KEEP = "30 days";

    private final Pool pool;

    EndedSessions(Pool pool) {
        this.pool = pool;
    }

    /** Quarkus OIDC's RP-initiated logout on /logout: the identity is still the session's. */
    void onLogout(@Observes SecurityEvent event) {
        String hash = event.getEventType() == SecurityEvent.Type.OIDC_LOGOUT_RP_INITIATED
                ? hashOf(event.getSecurityIdentity()) : null;
        if (hash == null) {
            return;
        }
        pool.preparedQuery("WITH pruned AS (DELETE FROM ended_console_sessions WHERE ended_at < now() - interval '"
                + KEEP + "') INSERT INTO ended_console_sessions (session_hash) VALUES ($1) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(hash)).subscribe().with(rows -> {
                }, failure -> LOG.errorf("Could not record a console sign-out (%s): a copy of that session's cookie "
                        + "stays usable until its tokens expire; check the database connection.", failure.toString()));
    }

    /** 401 for an /api call whose session cookie belongs to a session that was signed out. */
    @ServerRequestFilter
    public Uni<Response> refuseEnded(ContainerRequestContext request, RoutingContext routing) {
        if (!request.getUriInfo().getPath().startsWith("/api") || request.getCookies().keySet().stream()
                .noneMatch(name -> name.startsWith(SessionCsrf.SESSION_COOKIE))) {
            return Uni.createFrom().nullItem();
        }
        return QuarkusHttpUser.getSecurityIdentity(routing, null).chain(identity -> {
            String hash = hashOf(identity);
            if (hash == null) {
                return Uni.createFrom().nullItem();
            }
            return pool.preparedQuery("SELECT 1 FROM ended_console_sessions WHERE session_hash = $1")
                    .execute(Tuple.of(hash)).map(rows -> rows.size() == 0 ? null
                            : ProblemMappers.builder(Problem.of(401, "Unauthorized", "This console session was signed "
                                    + "out; open the console and sign in again."), request.getUriInfo()).build());
        });
    }

    /** SHA-256 of the provider's session: the table holds no session id. Null when not a signed-in person's identity. */
    static String hashOf(SecurityIdentity identity) {
        String session = SessionCsrf.sessionOf(identity);
        if (session == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(session.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
