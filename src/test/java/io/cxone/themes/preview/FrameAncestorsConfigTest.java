package io.cxone.themes.preview;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** {@code app.preview.frame-ancestors} decides who may frame the pages (a portal embedding the preview). */
@QuarkusTest
@TestProfile(FrameAncestorsConfigTest.Portal.class)
@WithTestResource(JwtTestKeys.class)
class FrameAncestorsConfigTest {

    public static class Portal implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.preview.frame-ancestors", "'self' https://portal.example.com");
        }
    }

    @Test
    void theConfiguredAncestorsAreInThePolicy() {
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).contentType(ContentType.JSON)
                .body(SampleThemes.enterpriseDarkModeJson()).when().post("/preview")
                .then().statusCode(200).header(SecurityHeaders.CSP,
                        containsString("; frame-ancestors 'self' https://portal.example.com; base-uri 'none';"));
    }
}
