package io.cxone.themes.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxone.themes.preview.Chromium;
import io.cxone.themes.preview.StoredDrafts;
import io.cxone.themes.preview.WithChromium;
import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The publications view: live progress read from SSE streams with the token, publishing, and a widget's history. */
@QuarkusTest
@WithChromium
@WithTestResource(JwtTestKeys.class)
class ConsoleOperationsTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void progressEventsAreReadWithTheTokenAndShownInOrder(Chromium chromium) {
        try (ConsoleSession s = new ConsoleSession(chromium, false)) {
            s.open(root);
            s.signIn(Roles.VIEWER);
            s.view("publications");
            follow(s);
            assertThat(s.page.locator("#progress li").last()).containsText("job: stream ended");
            List<String> lines = s.page.locator("#progress li").allTextContents().stream()
                    .map(line -> line.substring(line.indexOf("job:"))).toList();
            assertEquals(List.of("job: RUNNING 1/4 done, 0 failed", "job: RUNNING 2/4 done, 0 failed",
                    "job: COMPLETED_WITH_FAILURES 3/4 done, 1 failed", "job: stream ended"), lines);

            s.signIn(Roles.AUDITOR); // the stream is refused without the role, and the console says so
            follow(s);
            assertThat(s.page.locator("#progress li").last()).containsText("job: events not available (HTTP 403)");
        }
    }

    @Test
    void aPublicationIsFollowedFromTheFormToActiveAndListedInTheHistory(Chromium chromium) {
        String theme = StoredDrafts.create(SampleThemes.enterpriseDarkModeJson());
        String widget = "w-" + UUID.randomUUID().toString().substring(0, 8);
        try (ConsoleSession s = new ConsoleSession(chromium, false)) {
            s.open(root);
            s.signIn(Roles.VIEWER, Roles.PUBLISHER);
            s.view("publications");
            s.page.fill("#p-widget", widget);
            s.page.fill("#p-theme", theme);
            s.page.fill("#p-version", "1");
            s.page.click("#publish-form button[type=submit]");
            assertThat(s.page.locator("#status")).containsText("accepted (QUEUED)");
            // the real stream of the publication (each event the whole Publication), to its end at ACTIVE
            assertThat(s.page.locator("#progress li").last()).containsText("publication: stream ended");
            List<String> states = s.page.locator("#progress li").allTextContents().stream()
                    .map(line -> line.substring(line.indexOf("publication:"))).toList();
            assertEquals("publication: ACTIVE", states.get(states.size() - 2), states.toString());

            s.page.click("#pub-history-form button[type=submit]");
            assertThat(s.page.locator("#status")).containsText("1 publication for widget " + widget + ".");
            assertEquals(List.of("ACTIVE"), s.page.locator("#pub-table tbody tr td:nth-child(4)").allTextContents());
            assertEquals(List.of(), s.errors);
        }
    }

    /** Follows the test stream as a sync job with the console's own module (the same instance the page uses). */
    private static void follow(ConsoleSession s) {
        s.page.evaluate("() => import('/publications.js').then(m => m.follow('/console-test/events', 'job'))");
    }

    @Test
    void endpointsThisServerLacksAreReportedAs404(Chromium chromium) {
        try (ConsoleSession s = new ConsoleSession(chromium, false)) {
            s.open(root);
            s.signIn(Roles.VIEWER, Roles.PUBLISHER);
            s.view("publications");
            s.page.fill("#p-widget", "console-missing-widget");
            s.page.click("#pub-history-form button[type=submit]");
            // a widget that never had a publication has an empty history (read from the page's totalItems)
            assertThat(s.page.locator("#status")).containsText("0 publications for widget console-missing-widget.");
            assertEquals(List.of(), s.errors);
        }
    }
}
