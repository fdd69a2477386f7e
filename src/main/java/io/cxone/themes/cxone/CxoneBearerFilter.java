package io.cxone.themes.cxone;

import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestFilter;

/** Sends the shared CXone token as a bearer, and notes on the request which one it sent. */
@Singleton
@Priority(Priorities.AUTHENTICATION)
public class CxoneBearerFilter implements ResteasyReactiveClientRequestFilter {
    // per request, so that the 401 of a request sent before a refresh names the old token, not the new one
    static final String TOKEN_SENT = CxoneBearerFilter.class.getName() + ".token";

    private final CxoneTokens tokens;

    public CxoneBearerFilter(CxoneTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ResteasyReactiveClientRequestContext request) {
        request.suspend(); // the token may still be on its way: wait for it without blocking the event loop
        tokens.tokens().subscribe().with(answer -> {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + answer.getAccessToken());
            request.setProperty(TOKEN_SENT, answer.getAccessToken());
            request.resume();
        }, request::resume);
    }
}
