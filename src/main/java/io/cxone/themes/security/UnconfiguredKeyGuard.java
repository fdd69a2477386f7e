package io.cxone.themes.security;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.cxone.themes.problem.Problem;
import io.cxone.themes.web.ProblemMappers;

/**
 * Fails closed when no JWT verification key is configured: every API and preview call is refused with 401 before
 * smallrye-jwt is asked (it would throw, a 500). Decided at runtime from the live configuration.
 */
public class UnconfiguredKeyGuard {
    private final boolean keyConfigured = JwtKeyConfig.isConfigured(ConfigProvider.getConfig());

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseWithoutKey(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (keyConfigured || !(path.startsWith("/api") || path.startsWith("/preview"))) {
            return Optional.empty();
        }
        return Optional.of(ProblemMappers.builder(Problem.of(401, "Unauthorized",
                "This service has no JWT verification key configured, so it accepts no token; its operator must set "
                        + "MP_JWT_VERIFY_PUBLICKEY_LOCATION and MP_JWT_VERIFY_ISSUER."), request.getUriInfo())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
    }
}
