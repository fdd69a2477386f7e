package io.cxone.themes.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import jakarta.inject.Singleton;

import io.vertx.ext.web.RoutingContext;

/** The simulator's OAuth server: client-credentials and access-key password grants, plus discovery. */
@Singleton
public class OAuthHandler {
    static final String SCOPE = "omnichannel:webmessaging:read omnichannel:webmessaging:write config:read config:write analytics:read";

    /** The token answer. */
    record TokenResponse(String accessToken, String tokenType, long expiresIn, String scope) {
    }

    /** The discovery document (only the fields a client needs to find the token endpoint). */
    record Discovery(String issuer, String tokenEndpoint) {
    }

    private final SimulatorConfig config;
    private final TokenStore tokens;
    private final FaultSettings faults;
    private final SimulatorStats stats;

    public OAuthHandler(SimulatorConfig config, TokenStore tokens, FaultSettings faults, SimulatorStats stats) {
        this.config = config;
        this.tokens = tokens;
        this.faults = faults;
        this.stats = stats;
    }

    SimResponse token(RoutingContext ctx) {
        String grant = ctx.request().getFormAttribute("grant_type");
        if (!"client_credentials".equals(grant) && !"password".equals(grant)) {
            return SimResponse.of(400, ErrorBody.of("unsupported_grant_type"));
        }
        String[] client = basic(ctx.request().getHeader("Authorization"));
        if (client == null) { // client_secret_post, for clients that cannot send Basic
            client = new String[] { ctx.request().getFormAttribute("client_id"), ctx.request().getFormAttribute("client_secret") };
        }
        boolean valid = same(client[0], config.clientId()) & same(client[1], config.clientSecret());
        if ("password".equals(grant)) {
            valid &= same(ctx.request().getFormAttribute("username"), config.accessKeyId())
                    & same(ctx.request().getFormAttribute("password"), config.accessKeySecret());
        }
        if (!valid) {
            return SimResponse.of(401, ErrorBody.of("invalid_client"))
                    .withHeader("WWW-Authenticate", "Basic realm=\"cxone-simulator\"");
        }
        long ttl = faults.current().tokenTtlSeconds();
        String token = tokens.issue(client[0], ttl);
        stats.tokenIssued();
        return SimResponse.of(200, new TokenResponse(token, "bearer", ttl, SCOPE))
                .withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    }

    SimResponse discovery(RoutingContext ctx) {
        String host = ctx.request().getHeader("Host");
        String issuer = ctx.request().scheme() + "://" + (host == null ? "localhost" : host) + SimulatorRoutes.BASE;
        return SimResponse.of(200, new Discovery(issuer, issuer + "/oauth/token"));
    }

    /** {user, password} from a Basic header, or null. */
    private static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // constant-time, so the simulator does not teach clients to rely on timing-leaky comparisons
    private static boolean same(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
