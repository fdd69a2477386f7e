package io.cxone.themes.preview;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The Content-Security-Policy in a real browser: on every HTML page, and it really stops injected script and style. */
@QuarkusTest
@WithChromium
@WithTestResource(JwtTestKeys.class)
class ContentSecurityPolicyTest {
    final List<String> console = new CopyOnWriteArrayList<>();

    @TestHTTPResource("/preview")
    URL preview;

    @TestHTTPResource("/preview/compare")
    URL compare;

    @BeforeEach
    void recordConsole(Page page) {
        page.onConsoleMessage(message -> console.add(message.text()));
    }

    @Test
    void everyPreviewPageCarriesThePolicyWithTheNonceOfItsOwnStyleElement(Page page) {
        assertStrictHeaders(page, Chromium.post(page, preview.toString(), SampleThemes.enterpriseDarkModeJson(), Roles.VIEWER));
        String left = StoredDrafts.create(SampleThemes.enterpriseDarkModeJson()), right = StoredDrafts.create(PreviewThemes.harbor());
        page.setExtraHTTPHeaders(Map.of("Authorization", TestTokens.bearer(Roles.VIEWER)));
        assertStrictHeaders(page, page.navigate(compare + "?left=" + left + "&right=" + right));
    }

    @Test
    void staticPagesAndTheRootGetThePolicyButJsonAndQDoNot() {
        // a static page, like the console at "/", is covered by the same router-level filter
        given().when().get("/csp-probe.html").then().statusCode(200).contentType(startsWith("text/html"))
                .header(SecurityHeaders.CSP, startsWith("default-src 'none'; style-src 'self' 'nonce-"))
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer");
        io.restassured.response.Response root = given().when().get("/");
        assertTrue(root.contentType().startsWith("text/html"), "the console");
        assertTrue(root.header(SecurityHeaders.CSP).startsWith("default-src 'none'; style-src 'self' 'nonce-"));
        // JSON answers are not pages, and /q/ (Swagger UI needs inline script) is left alone
        assertNull(given().when().get("/q/health/live").header(SecurityHeaders.CSP));
        given().when().get("/q/swagger-ui/").then().header(SecurityHeaders.CSP, nullValue());
    }

    @Test
    void injectedInlineScriptEventHandlersAndStylesAreBlocked(Page page) {
        Chromium.post(page, preview.toString(), SampleThemes.enterpriseDarkModeJson(), Roles.VIEWER);
        String before = (String) page.evaluate("() => getComputedStyle(document.body).backgroundColor");
        page.evaluate("""
                () => {
                  const script = document.createElement('script');
                  script.textContent = 'window.__inline = 1';
                  document.body.appendChild(script);
                  const handler = document.createElement('div');
                  handler.setAttribute('onclick', 'window.__inline = 2');
                  document.body.appendChild(handler);
                  handler.click();
                  const style = document.createElement('style');
                  style.textContent = 'body { background: rgb(255, 0, 0) !important; }';
                  document.head.appendChild(style);
                }""");
        // the browser reports each blocked injection; once both reports are in, both injections were refused or ran
        page.waitForCondition(() -> reported(console, "script") && reported(console, "style"));
        assertNull(page.evaluate("() => window.__inline"), "injected inline script ran");
        assertEquals(before, page.evaluate("() => getComputedStyle(document.body).backgroundColor"), "injected style applied");
        assertTrue(reported(console, "script"), console.toString());
        assertTrue(reported(console, "style"), console.toString());
    }

    private static boolean reported(List<String> console, String what) {
        return console.stream().anyMatch(m -> m.contains("Content Security Policy") && m.contains(what));
    }

    @Test
    void frameAncestorsMustBeSourcesNotDirectives() {
        assertEquals("default-src 'none'; style-src 'self' 'nonce-n'; script-src 'self'; img-src 'self' https: data:; "
                + "connect-src 'self'; frame-ancestors https://portal.example.com 'self'; base-uri 'none'; form-action 'self'",
                new SecurityHeaders(" https://portal.example.com 'self' ").policy("n"));
        for (String smuggling : List.of("'self'; script-src *", "'self', *", "'self'\r\nX-Evil: 1", "")) {
            assertThrows(IllegalArgumentException.class, () -> new SecurityHeaders(smuggling), smuggling);
        }
    }

    private static void assertStrictHeaders(Page page, Response response) {
        assertEquals(200, response.status());
        Map<String, String> headers = response.headers();
        String nonce = (String) page.evaluate("() => document.querySelector('style').nonce");
        assertTrue(nonce.length() >= 22, nonce);
        assertEquals("default-src 'none'; style-src 'self' 'nonce-" + nonce + "'; script-src 'self'; "
                + "img-src 'self' https: data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'",
                headers.get("content-security-policy"));
        assertEquals("nosniff", headers.get("x-content-type-options"));
        assertEquals("no-referrer", headers.get("referrer-policy"));
        assertEquals(1L, ((Number) page.evaluate("() => document.querySelectorAll('style').length")).longValue());
        assertEquals(0L, ((Number) page.evaluate("() => document.querySelectorAll('[style], script').length")).longValue(),
                "no inline style attribute and no script in the page");
    }
}
