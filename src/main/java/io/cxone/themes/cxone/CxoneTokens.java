package io.cxone.themes.cxone;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.smallrye.mutiny.Uni;

/**
 * CXone access tokens, single-flight: one token request per cold start, expiry or refused token, however many callers
 * need one at once. A compare-and-set on the current fetch (rather than a "needs refresh" flag, which every late 401
 * would set again) is what makes the count deterministic: only a 401 for the token still current replaces it.
 */
@ApplicationScoped
public class CxoneTokens {
    /** The named OIDC client whose {@code quarkus.oidc-client.cxone.*} settings (grant, endpoint, skew) apply. */
    static final String CLIENT = "cxone";
    private final OidcClient client;
    private final Duration fetchTimeout;
    private final AtomicReference<Fetch> current = new AtomicReference<>();

    public CxoneTokens(OidcClients clients, CxoneSettings settings) {
        this.client = clients.getClient(CLIENT);
        this.fetchTimeout = settings.tokenFetchTimeout();
    }

    /** The current tokens, or the one fetch that replaces them when there are none or they are (nearly) expired. */
    Uni<Tokens> tokens() {
        Fetch fetch = current.get();
        if (fetch != null && !fetch.expiring()) {
            return fetch.shared;
        }
        Fetch next = new Fetch(fetch);
        // only the winner's fetch is installed and ever subscribed; the losers join whichever fetch is current now
        return current.compareAndSet(fetch, next) ? next.shared : tokens();
    }

    /** CXone refused this access token: replace it, unless a newer one has replaced it already (a late 401). */
    void invalidate(String staleAccessToken) {
        Fetch fetch = current.get();
        if (fetch != null && fetch.holds(staleAccessToken)) {
            current.compareAndSet(fetch, new Fetch(fetch)); // lazy: the request goes out when the next caller asks
        }
    }

    private Uni<Tokens> request(Tokens previous) {
        boolean refreshable = previous != null && previous.getRefreshToken() != null
                && !previous.isRefreshTokenExpired();
        return refreshable ? client.refreshTokens(previous.getRefreshToken()) : client.getTokens();
    }

    /** One token request, shared by everyone who asks while it runs, and its answer once it has one. */
    private final class Fetch {
        final Uni<Tokens> shared;
        volatile Tokens tokens;

        Fetch(Fetch previous) {
            Tokens before = previous == null ? null : previous.tokens;
            this.shared = Uni.createFrom().deferred(() -> request(before))
                    .ifNoItem().after(fetchTimeout).failWith(() -> new ProcessingException(
                            "no answer from the CXone token endpoint within " + fetchTimeout.toSeconds() + " s "
                                    + "(cxone.token-fetch-timeout)"))
                    .invoke(answer -> tokens = answer)
                    // a failure is not cached: whoever asks next starts a new request
                    .onFailure().invoke(() -> current.compareAndSet(this, null))
                    .memoize().indefinitely();
        }

        /** Expired, or within {@code refresh-token-time-skew} of it; false while the request is still running. */
        boolean expiring() {
            Tokens answer = tokens;
            return answer != null && (answer.isAccessTokenExpired() || answer.isAccessTokenWithinRefreshInterval());
        }

        boolean holds(String accessToken) {
            Tokens answer = tokens;
            return answer != null && answer.getAccessToken().equals(accessToken);
        }
    }
}
