package io.cxone.themes.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;

import io.cxone.themes.preview.Axe;
import io.cxone.themes.preview.Chromium;
import io.cxone.themes.preview.WithChromium;
import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The Widget view: a widget's rollouts (stages, the gate's figures for control and variant, pause and abort from the
 * page, a rollout started from the page) and its policy (saved; a bad zone refused next to its field), with axe.
 */
@QuarkusTest
@WithChromium
@WithTestResource(JwtTestKeys.class)
class ConsoleRolloutsTest {
    @TestHTTPResource("/")
    URL root;
    private String widget;
    private String controlTheme;

    @BeforeEach
    void setUp() {
        Sim.reset();
        Sim.faults(Map.of("activationDelayMs", 0));
        widget = "w-console-" + UUID.randomUUID().toString().substring(0, 8);
        controlTheme = TestPublications.cxoneThemeId(TestPublications.active(widget));
    }

    private void showWidget(ConsoleSession s) {
        s.view("widget");
        s.page.fill("#wg-id", widget);
        s.page.click("#widget-form button[type=submit]");
        assertThat(s.page.locator("#widget-subtitle")).hasText(widget);
    }

    @Test
    void aRolledBackRolloutShowsItsStagesAndBothSidesGateFiguresWithTheFailingGate(Chromium chromium) {
        // the control loads in 10 ms: the simulator's default variant (80 ms or more) is over 1.2 × that
        Map<String, Object> figures = new HashMap<>(Map.of("themeLoadP95Ms", 10, "renderP95Ms", 10, "firstPaintP95Ms", 10));
        figures.put("themeId", controlTheme);
        Sim.admin().contentType(ContentType.JSON).body(figures).put(Sim.ADMIN + "/analytics").then().statusCode(200);
        String id = publisher().body(Map.of("themeId", TestPublications.draft(""), "stages", List.of(10, 50, 100),
                "holdSeconds", 1, "gates", Map.of("minSamples", 5))).post("/api/v1/widgets/" + widget + "/rollouts")
                .then().statusCode(202).extract().path("id");
        Waits.until("rolled back", () -> given().header("Authorization", TestTokens.bearer(Roles.VIEWER))
                .get("/api/v1/rollouts/" + id).then().extract().path("state"), "ROLLED_BACK"::equals);
        try (ConsoleSession s = new ConsoleSession(chromium, true)) {
            s.open(root);
            s.signIn(Roles.VIEWER);
            showWidget(s);
            Locator row = s.page.locator("#rollout-table tbody tr", new com.microsoft.playwright.Page.LocatorOptions()
                    .setHasText(id));
            assertThat(row.locator("td").nth(2)).hasText("ROLLED_BACK");
            assertThat(row.locator("td").nth(3)).hasText("1 of 3");
            s.page.click("[aria-label='Show rollout " + id + "']");
            assertThat(s.page.locator("#rollout-state")).hasText("ROLLED_BACK");
            assertThat(s.page.locator("#stage-table tbody tr")).hasCount(3);
            assertThat(s.page.locator("#stage-table tbody tr").nth(0)).containsText("10 %");
            assertThat(s.page.locator("#stage-table tbody tr").nth(0)).containsText("rolled_back");
            Locator load = s.page.locator("#gate-table tbody tr").nth(0);
            assertThat(load.locator("th")).hasText("Theme load p95 (ms)");
            assertThat(load.locator("td").nth(0)).hasText("10"); // the control's figure
            assertThat(load.locator("td").nth(2)).containsText("(failed)");
            assertThat(s.page.locator("#gate-table tbody tr").nth(3).locator("th")).hasText("Samples");
            assertThat(s.page.locator("#gate-failed")).containsText("Failing gate: themeLoadP95");
            // a viewer is shown no commands
            assertThat(s.page.locator("#rollout-commands")).isHidden();
            assertEquals(List.of(), Axe.seriousViolations(s.page), "widget view with a rollout");
            assertEquals(List.of(), s.errors);
        }
    }

    @Test
    void aPublisherStartsARolloutFromThePageThenPausesAndAbortsIt(Chromium chromium) {
        String draft = TestPublications.draft("");
        try (ConsoleSession s = new ConsoleSession(chromium, true)) {
            s.open(root);
            s.signIn(Roles.PUBLISHER);
            showWidget(s);
            assertThat(s.page.locator("#rollout-table tbody tr.empty")).containsText("No rollout yet");
            // a refusal is shown next to its field, from the problem's errors[]
            s.page.fill("#r-theme", draft);
            s.page.fill("#r-stages", "5, 25");
            s.page.click("#rollout-form button[type=submit]");
            assertThat(s.page.locator("#err-r-stages")).containsText("100");
            assertThat(s.page.locator("#r-stages")).hasAttribute("aria-invalid", "true");

            s.page.fill("#r-stages", "20, 100");
            s.page.fill("#r-hold", "3600");
            s.page.click("#rollout-form button[type=submit]");
            assertThat(s.page.locator("#err-r-stages")).isEmpty();
            assertThat(s.page.locator("#rollout-state")).hasText("RUNNING");
            assertThat(s.page.locator("#rollout-summary")).containsText("variant 20 %"); // the first stage's split
            String id = s.page.locator("#rollout-detail").getAttribute("data-id");

            s.page.click("[aria-label='Pause rollout " + id + "']");
            assertThat(s.page.locator("#rollout-state")).hasText("PAUSED");
            assertThat(s.page.locator("[aria-label='Resume rollout " + id + "']")).isEnabled();
            assertEquals(List.of(), Axe.seriousViolations(s.page), "widget view, a paused rollout");

            s.page.click("[aria-label='Abort rollout " + id + "']");
            assertThat(s.page.locator("#rollout-state")).hasText("ABORTED");
            assertThat(s.page.locator("#rollout-table tbody tr td", new com.microsoft.playwright.Page.LocatorOptions()
                    .setHasText("ABORTED"))).hasCount(1);
            assertThat(s.page.locator("[aria-label='Abort rollout " + id + "']")).isDisabled();
            assertEquals(List.of(), s.errors);
            assertEquals("ABORTED", given().header("Authorization", TestTokens.bearer(Roles.VIEWER))
                    .get("/api/v1/rollouts/" + id).then().statusCode(200).extract().path("state"));
        }
    }

    @Test
    void aPublisherSavesAPolicyAndABadZoneIsRefusedNextToItsField(Chromium chromium) {
        try (ConsoleSession s = new ConsoleSession(chromium, true)) {
            s.open(root);
            s.signIn(Roles.PUBLISHER);
            showWidget(s);
            assertThat(s.page.locator("#policy-summary")).containsText("default");
            s.page.selectOption("#pol-approvals", "1");
            s.page.click("#add-window");
            s.page.fill("[aria-label='Window 1 days']", "tue, thu");
            s.page.fill("[aria-label='Window 1 time zone']", "Europe/Berlin");
            s.page.click("#add-window");
            s.page.fill("[aria-label='Window 2 days']", "MON");
            s.page.fill("[aria-label='Window 2 time zone']", "Mars/Olympus");
            s.page.click("#save-policy");
            assertThat(s.page.locator("#err-windows-1-zone")).containsText("is not an IANA time zone");
            assertThat(s.page.locator("[aria-label='Window 2 time zone']")).hasAttribute("aria-invalid", "true");
            assertThat(s.page.locator("#err-windows-0-zone")).isEmpty();
            assertEquals(List.of(), Axe.seriousViolations(s.page), "policy with a refused field");

            s.page.fill("[aria-label='Window 2 time zone']", "America/New_York");
            s.page.click("#save-policy");
            assertThat(s.page.locator("#status")).containsText("Policy of widget " + widget + " saved: 1 approval(s), "
                    + "2 window(s)");
            assertThat(s.page.locator("#err-windows-1-zone")).isEmpty();
            assertThat(s.page.locator("#policy-summary")).containsText("Stored by tester");
            assertEquals(List.of(), s.errors);
        }
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/widgets/" + widget + "/policy")
                .then().statusCode(200).body("approvals", org.hamcrest.Matchers.equalTo(1))
                .body("windows[0].days", org.hamcrest.Matchers.equalTo(List.of("TUE", "THU")))
                .body("windows[1].zone", org.hamcrest.Matchers.equalTo("America/New_York"));
    }

    private static io.restassured.specification.RequestSpecification publisher() {
        return given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON);
    }
}
