package io.cxone.themes.audit;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

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

    public Caller get() {
        return Caller.of(token.getSubject(), request.getHeader("X-Request-Id"));
    }
}
