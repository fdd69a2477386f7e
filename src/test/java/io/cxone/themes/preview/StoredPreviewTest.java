package io.cxone.themes.preview;

import static io.cxone.themes.preview.PreviewRenderingTest.style;
import static io.cxone.themes.preview.PreviewThemes.rgb;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code GET /preview/themes/{id}} and {@code GET /preview/compare} over stored drafts, in a real browser and over HTTP. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class StoredPreviewTest {
    static Chromium chromium;
    BrowserContext context;
    Page page;

    @TestHTTPResource("/preview")
    URL preview;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void close() {
        chromium.close();
    }

    @BeforeEach
    void open() {
        context = chromium.context(false);
        context.setExtraHTTPHeaders(Map.of("Authorization", TestTokens.bearer(Roles.VIEWER)));
        page = context.newPage();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    /** A theme with versions 1 (the sample) and 2 (amber primary colour). */
    static String twoVersions(String name) {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("name", name);
        String id = StoredDrafts.create(theme);
        theme.put("primaryColor", "#FFB300");
        StoredDrafts.update(id, theme).then().statusCode(200);
        return id;
    }

    String launcher(int widget) {
        return style(page.querySelectorAll("[data-testid=widget]").get(widget), ".launcher", "backgroundColor");
    }

    @Test
    void theCurrentVersionOrAnEarlierOneIsDrawnInItsOwnColours() {
        String id = twoVersions("Stored preview");
        Response current = page.navigate(preview + "/themes/" + id);
        assertEquals(200, current.status());
        assertEquals(true, current.headers().get("content-security-policy").contains("script-src 'self'"));
        Chromium.screenshot(page, "stored-preview-current.png");
        assertEquals(rgb("#FFB300"), launcher(0));
        assertEquals(rgb("#1A1A1A"), style(page.querySelector("[data-testid=widget]"), ".chat", "backgroundColor"));

        assertEquals(200, page.navigate(preview + "/themes/" + id + "?version=1&level=AAA").status());
        Chromium.screenshot(page, "stored-preview-v1.png");
        assertEquals(rgb("#00E676"), launcher(0));
    }

    @Test
    void twoVersionsOfOneThemeSideBySide() {
        String id = twoVersions("Before and after");
        assertEquals(200, page.navigate(preview + "/compare?left=" + id + "@1&right=" + id).status());
        Chromium.screenshot(page, "stored-compare-versions.png");
        assertEquals(List.of("Before and after · v1", "Before and after · v2"),
                page.locator("[data-testid=side] .side-label").allTextContents());
        assertEquals(List.of("primaryColor", "#00E676", "#FFB300"),
                page.locator("[data-testid=changes] tr[data-path=primaryColor] > *").allTextContents());
        assertEquals(rgb("#00E676"), launcher(0));
        assertEquals(rgb("#FFB300"), launcher(2));
    }

    @Test
    void twoThemesAsVariantsAndDeletedDraftsKeepTheirVersions() {
        Map<String, Object> b = SampleThemes.enterpriseDarkModeJson();
        b.put("name", "Variant B");
        b.put("backgroundColor", "#FFFFFF");
        b.put("font", Map.of("family", "Inter", "sizePx", 14, "weight", 500, "color", "#1A1A1A"));
        b.put("buttons", List.of(SampleThemes.button("Chat", "#0B57D0", "#FFFFFF", "right")));
        b.put("primaryColor", "#0B57D0");
        String a = twoVersions("Variant A");
        String other = StoredDrafts.create(b);
        assertEquals(200, page.navigate(preview + "/compare?left=" + a + "&right=" + other).status());
        Chromium.screenshot(page, "stored-compare-variants.png");
        assertEquals(List.of("Variant A · v2", "Variant B · v1"), page.locator("[data-testid=side] .side-label").allTextContents());
        assertEquals(rgb("#FFFFFF"), style(page.querySelectorAll("[data-testid=widget]").get(2), ".chat", "backgroundColor"));

        StoredDrafts.delete(other);
        assertEquals(404, page.navigate(preview + "/themes/" + other).status());
        assertEquals(200, page.navigate(preview + "/themes/" + other + "?version=1").status());
        assertEquals(200, page.navigate(preview + "/compare?left=" + a + "@1&right=" + other + "@1").status());
    }

    static io.restassured.response.Response get(String path, String... roles) {
        var request = given();
        if (roles.length > 0) {
            request.header("Authorization", TestTokens.bearer(roles));
        }
        return request.when().get(path);
    }

    @Test
    void unknownThemesAndVersionsAre404AndBadParametersAre400NamingThem() {
        String id = twoVersions("Problems");
        get("/preview/themes/" + UUID.randomUUID(), Roles.VIEWER).then().statusCode(404).contentType("application/problem+json");
        get("/preview/themes/" + id + "?version=3", Roles.VIEWER).then().statusCode(404).body("detail", containsString("no version 3"));
        get("/preview/compare?left=" + id + "&right=" + UUID.randomUUID() + "@1", Roles.VIEWER).then().statusCode(404);
        get("/preview/themes/not-a-uuid", Roles.VIEWER).then().statusCode(400).body("errors[0].path", equalTo("id"));
        get("/preview/themes/" + id + "?version=two", Roles.VIEWER).then().statusCode(400).body("errors[0].path", equalTo("version"));
        get("/preview/themes/" + id + "?version=0", Roles.VIEWER).then().statusCode(400).body("errors[0].path", equalTo("version"));
        get("/preview/themes/" + id + "?level=AAAA", Roles.VIEWER).then().statusCode(400).body("errors[0].path", equalTo("level"));
        get("/preview/compare?right=" + id, Roles.VIEWER).then().statusCode(400).body("errors[0].path", equalTo("left"));
        get("/preview/compare?left=" + id + "&right=zzz", Roles.VIEWER).then().statusCode(400).body("errors[0].path", equalTo("right"));
        get("/preview/compare?left=" + id + "&right=" + id + "@x", Roles.VIEWER).then().statusCode(400)
                .body("errors[0].path", equalTo("right"));
        get("/preview/compare?left=" + id + "@1&right=" + id + "&level=AAA", Roles.VIEWER).then().statusCode(200)
                .contentType(startsWith("text/html"));
    }

    @Test
    void previewRolesOnly() {
        String id = twoVersions("Roles");
        get("/preview/themes/" + id).then().statusCode(401);
        get("/preview/compare?left=" + id + "&right=" + id).then().statusCode(401);
        get("/preview/themes/" + id, Roles.AUDITOR).then().statusCode(403);
        get("/preview/compare?left=" + id + "&right=" + id, Roles.AUDITOR).then().statusCode(403);
        get("/preview/themes/" + id, Roles.EDITOR).then().statusCode(200);
        get("/preview/compare?left=" + id + "&right=" + id, Roles.PUBLISHER).then().statusCode(200);
    }
}
