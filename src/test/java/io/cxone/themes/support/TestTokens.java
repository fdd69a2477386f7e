package io.cxone.themes.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Real RS256 tokens signed with a key pair made for this test JVM; {@link JwtTestKeys} publishes its public half. */
public final class TestTokens {
    public static final String ISSUER = "https://idp.test/cxone-theme-service";
    public static final KeyPair KEYS = generate();
    private static final KeyPair OTHER_KEYS = generate();

    private TestTokens() {
    }

    /** A valid token for {@code subject} carrying the given roles. */
    public static String token(String subject, String... roles) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(roles))
                .expiresIn(Duration.ofMinutes(30)).sign(KEYS.getPrivate());
    }

    public static String bearer(String... roles) {
        return "Bearer " + token("tester", roles);
    }

    public static String expired(String... roles) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return Jwt.issuer(ISSUER).subject("tester").groups(Set.of(roles))
                .issuedAt(past).expiresAt(past.plusSeconds(60)).sign(KEYS.getPrivate());
    }

    public static String wrongIssuer(String... roles) {
        return Jwt.issuer("https://evil.test").subject("tester").groups(Set.of(roles))
                .expiresIn(Duration.ofMinutes(30)).sign(KEYS.getPrivate());
    }

    public static String wrongKey(String... roles) {
        return Jwt.issuer(ISSUER).subject("tester").groups(Set.of(roles))
                .expiresIn(Duration.ofMinutes(30)).sign(OTHER_KEYS.getPrivate());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
