package io.cxone.themes.preview;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With app.preview.icon-hosts set, icons from other hosts are a placeholder, listed in the report, and out of the CSP. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@TestProfile(PreviewIconHostsTest.OnlyCdn.class)
class PreviewIconHostsTest {

    /** Icons only from the company CDN and its subdomains. */
    public static class OnlyCdn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.preview.icon-hosts", "cdn.example.com,*.assets.example.com");
        }
    }

    @Test
    void iconsFromOtherHostsAreNotLoaded() {
        Map<String, Object> theme = PreviewThemes.harbor(); // button 1: https://cdn.example.com/icons/faq.svg
        PreviewThemes.button(theme, 0).put("iconUrl", "https://tracker.example.net/pixel.gif?who=reviewer");
        PreviewThemes.button(theme, 2).put("iconUrl", "https://img.assets.example.com/phone.svg");
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).contentType(ContentType.JSON).body(theme)
                .post("/preview").then().statusCode(200)
                .header(SecurityHeaders.CSP, allOf(containsString("img-src 'self' https://cdn.example.com "
                        + "https://*.assets.example.com data:;"), not(containsString("https:;"))))
                .body(allOf(containsString("src=\"https://cdn.example.com/icons/faq.svg\""),
                        containsString("src=\"https://img.assets.example.com/phone.svg\""),
                        not(containsString("src=\"https://tracker.example.net")),
                        containsString("data-testid=\"icon-placeholder\""),
                        containsString("buttons[0].iconUrl: tracker.example.net is not in app.preview.icon-hosts")));
    }
}
