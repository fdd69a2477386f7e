package io.cxone.themes.cxone;

import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

/** A 401 from CXone invalidates exactly the token that request carried (see {@link CxoneTokens#invalidate}). */
@Singleton
// response filters run highest priority first: this one must see the 401 before the REST client's exception-mapping
// filter (at USER) turns it into an exception and skips the filters after it
@Priority(Priorities.USER + 100)
public class CxoneUnauthorizedFilter implements ClientResponseFilter {
    private final CxoneTokens tokens;

    public CxoneUnauthorizedFilter(CxoneTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getStatus() == 401 && request.getProperty(CxoneBearerFilter.TOKEN_SENT) instanceof String sent) {
            tokens.invalidate(sent);
        }
    }
}
