package io.cxone.themes.preview;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** {@code POST /preview} over HTTP: roles, problem answers, security headers and the nonce they share with the page. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class PreviewEndpointTest {
    static final Pattern STYLE_NONCE = Pattern.compile("<style nonce=\"([A-Za-z0-9_-]+)\">");

    static Response post(Object body, String... roles) {
        return given().header("Authorization", TestTokens.bearer(roles)).contentType(ContentType.JSON).body(body)
                .when().post("/preview");
    }

    @Test
    void rendersThePageWithStrictHeadersAndAFreshNoncePerResponse() {
        Response first = post(SampleThemes.enterpriseDarkModeJson(), Roles.VIEWER);
        first.then().statusCode(200).contentType(startsWith("text/html"))
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .body(containsString("Enterprise Dark Mode"));
        String nonce = nonceOf(first.asString());
        String csp = first.header(SecurityHeaders.CSP);
        assertEquals("default-src 'none'; style-src 'self' 'nonce-" + nonce + "'; script-src 'self'; img-src 'self' https: data:; "
                + "connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'", csp);
        String second = nonceOf(post(SampleThemes.enterpriseDarkModeJson(), Roles.EDITOR).then().statusCode(200).extract().asString());
        assertNotEquals(nonce, second, "a nonce is never reused");
    }

    @Test
    void everyPreviewRoleMayRenderButNotTheAuditorOrAnonymous() {
        post(SampleThemes.enterpriseDarkModeJson(), Roles.PUBLISHER).then().statusCode(200);
        post(SampleThemes.enterpriseDarkModeJson(), Roles.AUDITOR).then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(SampleThemes.enterpriseDarkModeJson()).when().post("/preview")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aBodyThatIsNoThemeAtAllIsAProblem() {
        post("[1, 2]", Roles.VIEWER).then().statusCode(400).contentType("application/problem+json")
                .body("errors.path", hasItem("$")).header(SecurityHeaders.CSP, equalTo(null));
        post("{\"name\": ", Roles.VIEWER).then().statusCode(400).contentType("application/problem+json");
        post("\"<script>alert(1)</script>\"", Roles.VIEWER).then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).contentType(ContentType.JSON)
                .when().post("/preview").then().statusCode(400).contentType("application/problem+json");
        post(SampleThemes.enterpriseDarkModeJson(), Roles.VIEWER).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).contentType(ContentType.JSON)
                .queryParam("level", "AAAA").body(SampleThemes.enterpriseDarkModeJson()).when().post("/preview")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].path", equalTo("level"));
    }

    @Test
    void anInvalidThemeStillRendersWithItsErrorsListed() {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("backgroundColor", "not-a-colour");
        theme.put("surprise", true);
        theme.remove("font");
        post(theme, Roles.VIEWER).then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("data-path=\"backgroundColor\""), containsString("data-path=\"surprise\""),
                        containsString("data-path=\"font\""), containsString("Invalid at level AA"),
                        not(containsString("not-a-colour;")));
    }

    @Test
    void levelAaaIsReportedOnThePage() {
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).contentType(ContentType.JSON)
                .queryParam("level", "AAA").body(SampleThemes.enterpriseDarkModeJson()).when().post("/preview")
                .then().statusCode(200).body(containsString("at level AAA"));
    }

    static String nonceOf(String html) {
        Matcher matcher = STYLE_NONCE.matcher(html);
        assertTrue(matcher.find(), "the page has a nonce'd style element");
        String nonce = matcher.group(1);
        assertTrue(nonce.length() >= 22, "at least 128 bits");
        return nonce;
    }
}
