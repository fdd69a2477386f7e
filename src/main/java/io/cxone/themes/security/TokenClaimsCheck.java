package io.cxone.themes.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;

import io.cxone.themes.log.LogContext;
import io.cxone.themes.web.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Checks what smallrye-jwt does not, after it verified signature, issuer, expiry and (when
 * {@code MP_JWT_VERIFY_AUDIENCES} is set) audience:
 * <ul>
 * <li>{@code sub} is present and {@linkplain TokenSubject#isSane sane}, because it becomes the audit actor;</li>
 * <li>{@code iat} is present and the token is no older than {@code app.auth.max-token-age}, and was not issued for
 * longer than that ({@code exp - iat}): a leaked ten-year token is useless from the start, not only in ten years;</li>
 * <li>{@code iat} is not later than now plus {@code app.auth.clock-skew}: a token "issued" ten years ahead with an
 * hour's lifetime passes both bounds above (its age is negative) and would work for ten years.</li>
 * </ul>
 * A failure is a 401 whose detail names the claim (never its value), given to {@link ProblemMappers} in its
 * {@link ProblemMappers#UNAUTHORIZED_DETAIL} attribute.
 */
@ApplicationScoped
public class TokenClaimsCheck implements SecurityIdentityAugmentor {
    private final Duration maxAge;
    private final Duration clockSkew;

    public TokenClaimsCheck(@ConfigProperty(name = "app.auth.max-token-age", defaultValue = "24h") Duration maxAge,
            @ConfigProperty(name = "app.auth.clock-skew", defaultValue = "60s") Duration clockSkew) {
        this.maxAge = maxAge;
        this.clockSkew = clockSkew;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String problem = problem(token, Instant.now());
        if (problem != null) {
            return Uni.createFrom().failure(new AuthenticationFailedException(problem, Map.of(ProblemMappers.UNAUTHORIZED_DETAIL, problem)));
        }
        // from here on every line the request logs names its caller (the subject was just checked to be sane: no
        // control characters that could forge log lines); never the token itself
        MDC.put(LogContext.SUBJECT, token.getSubject());
        return Uni.createFrom().item(identity);
    }

    /** What is wrong with the token's claims, or null. */
    String problem(JsonWebToken token, Instant now) {
        String subject = token.getSubject();
        if (subject != null && !subject.isBlank() && TokenSubject.isReserved(subject)) {
            return "The token's 'sub' claim starts with '" + TokenSubject.RESERVED_PREFIX + "', which names this "
                    + "service's own work in the audit trail; ask your identity provider for a token with your subject.";
        }
        if (!TokenSubject.isSane(subject)) {
            return "The token's 'sub' claim must name the caller: 1 to " + TokenSubject.MAX_LENGTH
                    + " characters without control or format characters (bidi, zero-width) or unpaired surrogates; "
                    + "ask your identity provider for a token with a subject.";
        }
        long issuedAt = token.getIssuedAtTime();
        long expires = token.getExpirationTime();
        if (issuedAt <= 0) {
            return "The token has no 'iat' claim, so its age cannot be checked; ask your identity provider for a token "
                    + "that says when it was issued.";
        }
        if (issuedAt - now.getEpochSecond() > clockSkew.toSeconds()) {
            return "The token's 'iat' claim is in the future (more than " + clockSkew + ", app.auth.clock-skew, ahead of "
                    + "this service's clock); check the identity provider's clock and get a fresh token.";
        }
        long max = maxAge.toSeconds();
        if (now.getEpochSecond() - issuedAt > max || expires - issuedAt > max) {
            return "The token is older, or was issued for longer, than this service accepts (" + maxAge
                    + ", app.auth.max-token-age); get a fresh, shorter-lived token.";
        }
        return null;
    }
}
