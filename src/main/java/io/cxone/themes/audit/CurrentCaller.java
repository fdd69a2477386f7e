package io.cxone.themes.audit;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.cxone.themes.log.RequestIds;
import io.cxone.themes.security.TokenSubject;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;

/** The current request's {@link Caller}, injectable into resources. */
@RequestScoped
public class CurrentCaller {
    private final JsonWebToken token;
    private final RoutingContext request;

    public CurrentCaller(JsonWebToken token, RoutingContext request) {
        this.token = token;
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
        if (!TokenSubject.isSane(token.getSubject())) {
            throw new UnauthorizedException();
        }
        return Caller.of(token.getSubject(), RequestIds.of(request));
    }
}
