package io.cxone.themes.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * A token's claims over real HTTP with real signed tokens: the audience (MP_JWT_VERIFY_AUDIENCES) is enforced, a
 * token older or longer-lived than app.auth.max-token-age is refused, and the audit actor is the token's subject only
 * when it is a sane identifier (no sub, over 256 characters, or control characters: 401, nothing recorded).
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@TestProfile(TokenClaimsTest.AudienceAndAge.class)
class TokenClaimsTest {
    static final String AUDIENCE = "cxone-theme-service";

    public static class AudienceAndAge implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.audiences", AUDIENCE + ",other-accepted-audience",
                    "app.auth.max-token-age", "1h");
        }
    }

    /** A token that passes every check; each test changes one claim. */
    private static JwtClaimsBuilder valid(String subject) {
        JwtClaimsBuilder claims = Jwt.issuer(TestTokens.ISSUER).audience(AUDIENCE).groups(Set.of(Roles.EDITOR))
                .issuedAt(Instant.now()).expiresIn(Duration.ofMinutes(30));
        return subject == null ? claims : claims.subject(subject);
    }

    private static ValidatableResponse validate(JwtClaimsBuilder claims) {
        return given().header("Authorization", "Bearer " + claims.sign(TestTokens.KEYS.getPrivate()))
                .contentType(ContentType.JSON).body(SampleThemes.enterpriseDarkModeJson())
                .post(SecurityTest.VALIDATE).then();
    }

    private static ValidatableResponse createDraft(JwtClaimsBuilder claims) {
        return given().header("Authorization", "Bearer " + claims.sign(TestTokens.KEYS.getPrivate()))
                .contentType(ContentType.JSON).body(SampleThemes.enterpriseDarkModeJson())
                .post("/api/v1/themes").then();
    }

    private static ValidatableResponse unauthorized(ValidatableResponse response) {
        return response.statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer")).body("status", equalTo(401));
    }

    @Test
    void theConfiguredAudienceIsRequired() {
        validate(valid("aud-ok")).statusCode(200);
        validate(valid("aud-ok").audience("other-accepted-audience")).statusCode(200);
        unauthorized(validate(valid("aud-bad").audience("some-other-service")));
        unauthorized(validate(valid("aud-bad").audience(Set.of())));
        JwtClaimsBuilder noAudience = Jwt.issuer(TestTokens.ISSUER).subject("aud-none").groups(Set.of(Roles.EDITOR))
                .issuedAt(Instant.now()).expiresIn(Duration.ofMinutes(30));
        unauthorized(validate(noAudience));
    }

    @Test
    void aTokenIssuedForLongerThanTheMaximumAgeIsRefusedAtOnce() {
        Instant now = Instant.now();
        unauthorized(validate(valid("ten-years").issuedAt(now).expiresAt(now.plus(Duration.ofDays(3650)))))
                .body("detail", containsString("app.auth.max-token-age"));
        validate(valid("just-under").issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(59)))).statusCode(200);
    }

    @Test
    void aTokenOlderThanTheMaximumAgeIsRefusedEvenBeforeItExpires() {
        Instant issued = Instant.now().minus(Duration.ofMinutes(61));
        unauthorized(validate(valid("old").issuedAt(issued).expiresAt(issued.plus(Duration.ofMinutes(60)).plusSeconds(120))))
                .body("detail", containsString("app.auth.max-token-age"));
    }

    @Test
    void aTokenWithoutSubjectIs401AndRecordsNothing() {
        long before = Db.count("SELECT count(*) FROM audit_events");
        // a upn (or preferred_username) is a principal name to smallrye-jwt, but never the audit actor
        unauthorized(createDraft(valid(null).upn("someone"))).body("detail", containsString("'sub'"));
        unauthorized(validate(valid(null).claim("preferred_username", "someone"))).body("detail", containsString("'sub'"));
        unauthorized(createDraft(valid(null)));
        unauthorized(createDraft(valid(" ").upn("someone"))).body("detail", containsString("'sub'"));
        assertEquals(before, Db.count("SELECT count(*) FROM audit_events"));
        assertEquals(0, Db.count("SELECT count(*) FROM audit_events WHERE actor = 'unknown'"));
    }

    @Test
    void anInsaneSubjectIs401AndNeverMangledIntoTheTrail() {
        long before = Db.count("SELECT count(*) FROM audit_events");
        for (String subject : new String[] { "x".repeat(257), "evil\nactor=admin", "esc\u001B[2Jx", "del\u007F",
                "c1\u0085x", "sep\u2028x", "nul\u0000" }) {
            unauthorized(createDraft(valid(subject))).body("detail", containsString("'sub'"))
                    .body("detail", not(containsString(subject)));
        }
        assertEquals(before, Db.count("SELECT count(*) FROM audit_events"));
    }

    @Test
    void aSaneSubjectUpToTheLimitIsTheActorExactly() {
        String subject = "u".repeat(255) + "é";
        createDraft(valid(subject)).statusCode(201);
        assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE actor = '" + subject + "'"));
    }
}
