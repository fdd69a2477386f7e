package io.cxone.themes.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * When a token was issued and whose it is, over real HTTP with real signed tokens (TokenClaimsTest's profile: max-token-age 1h; the clock
 * skew keeps its default, 60 s): a token "issued" in the future beyond the skew is refused, however short its stated
 * lifetime, and a subject that would disguise one actor as another (bidi and zero-width characters), collapse
 * different people into one (an unpaired surrogate, stored as '?') or pass for the service itself ({@code system:})
 * is 401 and records nothing.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@TestProfile(TokenClaimsTest.AudienceAndAge.class)
class TokenIssuedAtAndSubjectTest {

    private static JwtClaimsBuilder claims(String subject, Instant issuedAt, Instant expiresAt) {
        return Jwt.issuer(TestTokens.ISSUER).audience(TokenClaimsTest.AUDIENCE).groups(Set.of(Roles.EDITOR))
                .subject(subject).issuedAt(issuedAt).expiresAt(expiresAt);
    }

    private static ValidatableResponse createDraft(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(SampleThemes.enterpriseDarkModeJson()).post("/api/v1/themes").then();
    }

    private static ValidatableResponse unauthorized(ValidatableResponse response) {
        return response.statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer")).body("status", equalTo(401));
    }

    /**
     * A token signed over claims written as JSON by hand: a JSON escape such as {@code \ud800} reaches the service as
     * the unpaired surrogate it stands for (a builder would have turned it into '?' on the way to UTF-8).
     */
    private static String signRaw(String subjectAsJsonString) throws JoseException {
        long now = Instant.now().getEpochSecond();
        String json = "{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TokenClaimsTest.AUDIENCE + "\",\"sub\":\""
                + subjectAsJsonString + "\",\"groups\":[\"" + Roles.EDITOR + "\"],\"iat\":" + now + ",\"exp\":"
                + (now + 1800) + "}";
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayloadBytes(json.getBytes(StandardCharsets.US_ASCII));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKey(TestTokens.KEYS.getPrivate());
        return jws.getCompactSerialization();
    }

    @Test
    void aTokenIssuedInTheFutureBeyondTheClockSkewIsRefused() {
        Instant now = Instant.now();
        Instant tenYears = now.plus(Duration.ofDays(3650));
        // the finding: an hour's lifetime, "issued" in ten years, worked for ten years
        unauthorized(createDraft(claims("from-the-future", tenYears, tenYears.plus(Duration.ofHours(1)))
                .sign(TestTokens.KEYS.getPrivate()))).body("detail", containsString("app.auth.clock-skew"))
                .body("detail", containsString("'iat'"));
        Instant tenMinutes = now.plus(Duration.ofMinutes(10));
        unauthorized(createDraft(claims("a-bit-ahead", tenMinutes, tenMinutes.plus(Duration.ofMinutes(30)))
                .sign(TestTokens.KEYS.getPrivate()))).body("detail", containsString("app.auth.clock-skew"));
        // within the skew: still bounded by the maximum age (1h in this profile) ...
        Instant skewed = now.plusSeconds(5);
        unauthorized(createDraft(claims("skewed-long", skewed, skewed.plus(Duration.ofHours(2)))
                .sign(TestTokens.KEYS.getPrivate()))).body("detail", containsString("app.auth.max-token-age"));
        // ... and accepted when it is short-lived: the identity provider's clock may run a few seconds fast
        createDraft(claims("skewed-ok", skewed, skewed.plus(Duration.ofMinutes(30))).sign(TestTokens.KEYS.getPrivate()))
                .statusCode(201);
    }

    @Test
    void aSubjectThatDisguisesOrCollapsesActorsIs401AndRecordsNothing() throws JoseException {
        long before = Db.count("SELECT count(*) FROM audit_events");
        String[] subjects = { "\u202eadmin", "\u200b", "ad\u200bmin", "ad\u200dmin", "\ufeffadmin", "soft\u00adhyphen",
                "iso\u2067late\u2069", "system:cxone-theme-service", "system:anything", "SYSTEM:Cxone-Theme-Service",
                " system:cxone-theme-service" };
        for (String subject : subjects) {
            unauthorized(createDraft(claims(subject, Instant.now(), Instant.now().plus(Duration.ofMinutes(30)))
                    .sign(TestTokens.KEYS.getPrivate()))).body("detail", containsString("'sub'"));
        }
        // unpaired surrogates, high and low, alone and beside text: a JSON escape is how a token carries them
        for (String escaped : new String[] { "\\ud800", "a\\ud800b", "\\udc00x", "x\\ud83d" }) {
            unauthorized(createDraft(signRaw(escaped))).body("detail", containsString("'sub'"));
        }
        assertEquals(before, Db.count("SELECT count(*) FROM audit_events")); // no draft, no '?' or system: actor
    }

    @Test
    void wellFormedSubjectsAreTheActorExactly() throws JoseException {
        // a pair of surrogates is one character (an emoji); 'system' elsewhere than as the prefix is just a name
        for (String subject : new String[] { "ops-\uD83D\uDE00", "team:system:ops", "systemd" }) {
            createDraft(claims(subject, Instant.now(), Instant.now().plus(Duration.ofMinutes(30)))
                    .sign(TestTokens.KEYS.getPrivate())).statusCode(201);
            assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE actor = '" + subject + "'"));
        }
        createDraft(signRaw("ops-\\ud83d\\ude01")).statusCode(201); // the same pair, escaped in JSON
        assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE actor = 'ops-\uD83D\uDE01'"));
    }
}
