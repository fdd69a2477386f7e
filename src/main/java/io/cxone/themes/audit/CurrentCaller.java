package io.cxone.themes.audit;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.cxone.themes.log.RequestIds;
import io.cxone.themes.security.TokenSubject;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/** The current request's {@link Caller}, injectable into resources. */
@RequestScoped
public class CurrentCaller {
    private final SecurityIdentity identity;
    private final RoutingContext request;

    /**
     * The identity, not an injected {@code JsonWebToken}: with the console's sign-in (quarkus-oidc) in the build, that
     * producer is OIDC's, which has no token for a portal's bearer identity (smallrye-jwt's). Both put the verified
     * token in the principal: the bearer token, or the signed-in person's ID token.
     */
    public CurrentCaller(SecurityIdentity identity, RoutingContext request) {
        this.identity = identity;
        this.request = request;
    }

    /**
     * The caller under the request's one id ({@link RequestIds}): every audit event, job and log line of a request
     * names the same id, whether the caller sent {@code X-Request-Id} or not.
     *
     * @throws UnauthorizedException (401) when the token has no sane subject; {@code security.TokenClaimsCheck}
     *                               refuses such tokens already, this keeps a mangled actor out of the audit trail
     *                               whatever path reached here
     */
    public Caller get() {
        String subject = identity.getPrincipal() instanceof JsonWebToken token ? token.getSubject() : null;
        if (!TokenSubject.isSane(subject)) {
            throw new UnauthorizedException();
        }
        return Caller.of(subject, RequestIds.of(request)).named(nameOf((JsonWebToken) identity.getPrincipal()));
    }

    /** "Name (username)", or whichever of the two the token has: the OIDC standard claims a console sign-in carries. */
    static String nameOf(JsonWebToken token) {
        String user = token.getClaim("preferred_username") instanceof String u && !u.isBlank() ? u : null;
        String name = token.getClaim("name") instanceof String n && !n.isBlank() ? n : null;
        return name != null && user != null ? name + " (" + user + ")" : name != null ? name : user;
    }
}
