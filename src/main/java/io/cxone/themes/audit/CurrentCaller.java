package io.cxone.themes.audit;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.cxone.themes.security.TokenSubject;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/** The current request's {@link Caller}, injectable into resources. */
@RequestScoped
public class CurrentCaller {
    private final JsonWebToken token;
    private final HttpServerRequest request;

    public CurrentCaller(JsonWebToken token, HttpServerRequest request) {
        this.token = token;
        this.request = request;
    }

    /**
     * @throws UnauthorizedException (401) when the token has no sane subject; {@code security.TokenClaimsCheck}
     *                               refuses such tokens already, this keeps a mangled actor out of the audit trail
     *                               whatever path reached here
     */
    public Caller get() {
        if (!TokenSubject.isSane(token.getSubject())) {
            throw new UnauthorizedException();
        }
        return Caller.of(token.getSubject(), request.getHeader("X-Request-Id"));
    }
}
