package io.cxone.themes.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;

import io.cxone.themes.preview.Axe;
import io.cxone.themes.preview.Chromium;
import io.cxone.themes.preview.WithChromium;
import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The Live channels tab in real Chromium against real checks: a watch of the simulator's public channel endpoint (its
 * look set with the simulator's admin override, as ChannelMonitorTest does) is listed with its state, "check now"
 * picks up a changed look and the before/after preview draws both, and the live look is imported as a draft.
 */
@QuarkusTest
@WithChromium
@WithTestResource(JwtTestKeys.class)
class ConsoleChannelsTest {
    // the simulator's channel answer (CXone's appearance shape): INACCESSIBLE is white on white, ACCESSIBLE passes AA
    static final Map<String, Object> INACCESSIBLE = look("#FFFFFF", "#FFFFFF", "#FAFAFA", "#F0F0F0", "#FFFFFF");
    static final Map<String, Object> ACCESSIBLE = look("#1F3A93", "#1F3A93", "#FFFFFF", "#1A1A1A", "#FFFFFF");
    /** A check is a job on a machine shared with other builds: patience for it, not a bound on how fast it must be. */
    static final LocatorAssertions.ContainsTextOptions CHECK = new LocatorAssertions.ContainsTextOptions()
            .setTimeout(Waits.PATIENCE.toMillis());

    @TestHTTPResource("/")
    URL root;

    private String brand;

    @AfterEach
    void cleanUp() {
        if (brand != null) {
            given().delete("/simulator/admin/channels/" + brand + "/chat_con");
        }
        Db.execute("DELETE FROM channel_watches WHERE brand_id LIKE 'con-%'");
    }

    @Test
    void aWatchIsListedWithItsStateCheckedNowComparedAndImportedAsADraft(Chromium chromium) {
        brand = "con-" + UUID.randomUUID().toString().substring(0, 8);
        setLook(INACCESSIBLE);
        String name = "Console channel " + brand;
        String id = create(name);
        JsonPath first = Waits.until("the first check of " + id, () -> watch(id), w -> w.get("lastCheckedAt") != null);
        assertEquals("failing", first.getString("state"));

        try (ConsoleSession s = new ConsoleSession(chromium, false)) {
            s.open(root);
            s.signIn(Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER);
            s.view("channels");
            Locator row = s.page.locator("#channel-table tbody tr[data-id='" + id + "']");
            assertThat(row.locator("[data-field=state]")).hasText("failing");
            assertThat(row.locator("[data-field=state]")).hasAttribute("data-state", "failing");
            // #FAFAFA on #FFFFFF is the worst pair of INACCESSIBLE
            assertThat(row.locator("[data-field=worst]")).containsText("needs 4.5:1 (header.textColor/header.backgroundColor)");

            row.locator("[data-field=name]").click();
            assertThat(s.page.locator("#channel-title")).hasText(name);
            assertThat(s.page.locator("#snapshot-table tbody tr")).hasCount(1);
            assertThat(s.page.locator("#before-caption")).hasText("Before: no earlier look recorded");
            assertThat(s.page.locator("#after-caption")).containsText("failing checks");

            setLook(ACCESSIBLE);
            s.page.click("#check-now");
            assertThat(s.page.locator("#status")).containsText("Checked " + name + ": passing.", CHECK);
            assertThat(row.locator("[data-field=state]")).hasText("passing");
            assertThat(row.locator("[data-field=worst]")).hasText("none failing");
            assertThat(s.page.locator("#snapshot-table tbody tr")).hasCount(2);
            // before = the white-on-white look, after = the blue header, each drawn from its snapshot's mapped theme
            assertThat(s.page.locator("#after-caption")).containsText("passes");
            assertThat(s.page.locator("#before-caption")).containsText("failing checks");
            assertEquals("rgb(255, 255, 255)", headerBackground(s, "#before-widget"));
            assertEquals("rgb(31, 58, 147)", headerBackground(s, "#after-widget"));

            s.page.click("#import-live");
            Locator status = s.page.locator("#status");
            assertThat(status).containsText("created from the live look of " + name);
            Matcher draftId = Pattern.compile("\\(id ([0-9a-f-]{36})\\)").matcher(status.textContent());
            assertTrue(draftId.find(), status.textContent());
            JsonPath draft = given().header("Authorization", TestTokens.bearer(Roles.VIEWER))
                    .get("/api/v1/themes/" + draftId.group(1)).then().statusCode(200).extract().jsonPath();
            assertEquals("#1F3A93", draft.getString("theme.header.backgroundColor"), draft.prettify());
            assertEquals(List.of(), s.errors);
        }
    }

    @Test
    void theTabAndAChannelsHistoryHaveNoSeriousOrCriticalViolations(Chromium chromium) {
        brand = "con-" + UUID.randomUUID().toString().substring(0, 8);
        setLook(ACCESSIBLE);
        String id = create("Console axe " + brand);
        Waits.until("the first check of " + id, () -> watch(id), w -> w.get("lastCheckedAt") != null);
        // bypassCSP only so that the test may inject axe; the console itself needs no relaxation
        try (ConsoleSession s = new ConsoleSession(chromium, true)) {
            s.open(root);
            s.signIn(Roles.VIEWER);
            s.view("channels");
            Locator row = s.page.locator("#channel-table tbody tr[data-id='" + id + "']");
            assertThat(row.locator("[data-field=state]")).hasText("passing");
            row.locator("[data-field=name]").click();
            assertThat(s.page.locator("#after-widget .widget")).isVisible();
            assertEquals(List.of(), Axe.seriousViolations(s.page), "live channels with a channel's history");
        }
    }

    private String create(String name) {
        return given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body(Map.of("brandId", brand, "channelId", "chat_con", "env", "c1", "domain", "niceincontact.com",
                        "name", name, "intervalSeconds", 3600))
                .post("/api/v1/channels").then().statusCode(201).extract().path("id");
    }

    private static String headerBackground(ConsoleSession s, String host) {
        return (String) s.page.evaluate("h => getComputedStyle(document.querySelector(h + ' .w-header')).backgroundColor",
                host);
    }

    private void setLook(Map<String, Object> look) {
        given().contentType(ContentType.JSON).body(look).put("/simulator/admin/channels/" + brand + "/chat_con")
                .then().statusCode(200);
    }

    private static JsonPath watch(String id) {
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/channels/" + id).then()
                .statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> look(String button, String header, String headerFont, String text,
            String background) {
        Map<String, Object> colors = new HashMap<>(Map.of("buttonColor", button, "headerBgColor", header,
                "headerFontColor", headerFont, "themeColor", button, "textColor", text, "widgetBgColor", background));
        colors.put("widgetFontColor", text);
        return Map.of("colors", colors, "widget", Map.of("appearance", "bubble", "position", "right"), "customCss", "");
    }
}
