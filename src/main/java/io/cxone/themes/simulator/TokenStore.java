package io.cxone.themes.simulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

/** Opaque bearer tokens the simulator issued, each with the OAuth client it belongs to and its expiry. */
@Singleton
public class TokenStore {
    private record Issued(String clientId, Instant expiresAt) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final SimClock clock;
    private final Capacity capacity;

    public TokenStore(SimClock clock, Capacity capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    String issue(String clientId, long ttlSeconds) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        purgeExpired();
        capacity.admit(tokens, token, "tokens");
        tokens.put(token, new Issued(clientId, clock.now().plusSeconds(ttlSeconds)));
        return token;
    }

    /** The client id of a live token; empty for unknown or expired ones. */
    Optional<String> clientOf(String token) {
        Issued issued = token == null ? null : tokens.get(token);
        if (issued == null || !clock.now().isBefore(issued.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(issued.clientId());
    }

    void expireAll() {
        Instant past = clock.now().minusSeconds(1);
        tokens.replaceAll((token, issued) -> new Issued(issued.clientId(), past));
    }

    void clear() {
        tokens.clear();
    }

    // keeps a long-running simulator from growing without bound; expired tokens answer 401 either way
    private void purgeExpired() {
        if (tokens.size() > 10_000) {
            Instant now = clock.now();
            tokens.values().removeIf(issued -> !now.isBefore(issued.expiresAt()));
        }
    }
}
