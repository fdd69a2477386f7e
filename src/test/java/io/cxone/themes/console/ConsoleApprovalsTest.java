package io.cxone.themes.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxone.themes.preview.Axe;
import io.cxone.themes.preview.Chromium;
import io.cxone.themes.preview.StoredDrafts;
import io.cxone.themes.preview.WithChromium;
import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The approvals inbox: what waits for the signed-in approver, approve and reject with a reason, and axe over it. */
@QuarkusTest
@WithChromium
@WithTestResource(JwtTestKeys.class)
class ConsoleApprovalsTest {
    @TestHTTPResource("/")
    URL root;

    /** A publication by alice to a new widget whose policy asks for one approval: PENDING_APPROVAL. */
    private static String pending() {
        String widget = "w-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", "Bearer " + TestTokens.token("paula", Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body(Map.of("approvals", 1)).put("/api/v1/widgets/" + widget + "/policy").then().statusCode(200);
        String theme = StoredDrafts.create(SampleThemes.enterpriseDarkModeJson());
        return given().header("Authorization", "Bearer " + TestTokens.token("alice", Roles.PUBLISHER))
                .contentType(ContentType.JSON).body(Map.of("themeId", theme)).post("/api/v1/widgets/" + widget
                        + "/publications").then().statusCode(202).extract().path("id");
    }

    @Test
    void anApproverApprovesOneAndRejectsAnotherWithAReason(Chromium chromium) {
        String first = pending();
        String second = pending();
        // bypassCSP only so that the test may inject axe; the console itself needs no relaxation
        try (ConsoleSession s = new ConsoleSession(chromium, true)) {
            s.open(root);
            s.signIn(Roles.APPROVER); // subject "tester": not the requester
            s.view("approvals");
            assertThat(s.page.locator("#approval-table tbody tr td[data-field=id]", new com.microsoft.playwright.Page
                    .LocatorOptions().setHasText(first))).hasCount(1);
            assertEquals(List.of(), Axe.seriousViolations(s.page), "approvals inbox");

            s.page.click("[aria-label='Approve publication " + first + "']");
            assertThat(s.page.locator("#status")).containsText("Publication " + first + " approved: now QUEUED");
            assertThat(s.page.locator("#approval-table td[data-field=id]", new com.microsoft.playwright.Page
                    .LocatorOptions().setHasText(first))).hasCount(0);

            s.page.click("[aria-label='Reject publication " + second + "']");
            assertThat(s.page.locator("#status")).containsText("Enter a reason");
            s.page.fill("#a-reason", "wrong brand colour");
            s.page.click("[aria-label='Reject publication " + second + "']");
            assertThat(s.page.locator("#status")).containsText("Publication " + second + " rejected: now REJECTED");
            assertEquals(List.of(), s.errors);
        }
        assertEquals("rejected by tester: wrong brand colour", given().header("Authorization", "Bearer "
                + TestTokens.token("vera", Roles.VIEWER)).get("/api/v1/publications/" + second).then().statusCode(200)
                .extract().path("failureReason"));
    }
}
