package io.cxone.themes.cxone;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.oidc.client.runtime.OidcClientsConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Uni;

/**
 * CXone access tokens, single-flight: one token request per cold start, expiry or refused token, however many callers
 * need one at once. A compare-and-set on the current fetch (rather than a "needs refresh" flag, which every late 401
 * would set again) is what makes the count deterministic: only a 401 for the token still current replaces it.
 */
@ApplicationScoped
public class CxoneTokens {
    private static final Logger LOG = Logger.getLogger(CxoneTokens.class);
    /** The named OIDC client whose {@code quarkus.oidc-client.cxone.*} settings (grant, endpoint, skew) apply. */
    static final String CLIENT = "cxone";
    /**
     * The OIDC client, made when the first token is needed: Quarkus makes every enabled named client at start (its
     * Vert.x web client, ~180 classes on the way to readiness, which needs no CXone token), so application.properties
     * keeps {@code quarkus.oidc-client.cxone.client-enabled=false} and this makes the client from those same settings,
     * enabled, through {@link OidcClients#newClient} (the code path of Quarkus's own clients).
     */
    private final Uni<OidcClient> client;
    private volatile OidcClient made;
    private final Duration fetchTimeout;
    private final AtomicReference<Fetch> current = new AtomicReference<>();

    public CxoneTokens(OidcClients clients, CxoneSettings settings) {
        this.client = Uni.createFrom().deferred(() -> clients.newClient(settings()))
                .invoke(c -> made = c)
                .memoize().indefinitely();
        this.fetchTimeout = settings.tokenFetchTimeout();
    }

    /** {@code quarkus.oidc-client.cxone.*}, enabled (the key itself stays false: see {@link #client}). */
    private static OidcClientConfig settings() {
        OidcClientConfig named = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                .getConfigMapping(OidcClientsConfig.class).namedClients().get(CLIENT);
        return OidcClientConfig.builder(named).id(CLIENT).clientEnabled(true).build();
    }

    @PreDestroy
    void close() {
        OidcClient c = made;
        if (c != null) {
            try {
                c.close();
            } catch (java.io.IOException | RuntimeException e) {
                LOG.debugf("closing the CXone OIDC client: %s", e.getMessage());
            }
        }
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
        return client.chain(c -> refreshable ? c.refreshTokens(previous.getRefreshToken()) : c.getTokens());
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
