package io.cxone.themes.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cxone.themes.preview.Chromium;
import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The publications view: live progress read from an SSE stream with the token, and endpoints that are not there. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class ConsoleOperationsTest {
    static Chromium chromium;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void close() {
        chromium.close();
    }

    @Test
    void progressEventsAreReadWithTheTokenAndShownInOrder() {
        try (ConsoleSession s = new ConsoleSession(chromium, false)) {
            s.open(root);
            s.signIn(Roles.VIEWER);
            s.view("publications");
            s.page.evaluate("() => CxOps.follow('/console-test/events', 'job')");
            assertThat(s.page.locator("#progress li").last()).containsText("job: stream ended");
            List<String> lines = s.page.locator("#progress li").allTextContents().stream()
                    .map(line -> line.substring(line.indexOf("job:"))).toList();
            assertEquals(List.of("job: RUNNING 1/4 done, 0 failed", "job: RUNNING 2/4 done, 0 failed",
                    "job: COMPLETED_WITH_FAILURES 3/4 done, 1 failed", "job: stream ended"), lines);

            s.signIn(Roles.AUDITOR); // the stream is refused without the role, and the console says so
            s.page.evaluate("() => CxOps.follow('/console-test/events', 'job')");
            assertThat(s.page.locator("#progress li").last()).containsText("job: events not available (HTTP 403)");
        }
    }

    @Test
    void endpointsThisServerLacksAreReportedAs404() {
        try (ConsoleSession s = new ConsoleSession(chromium, false)) {
            s.open(root);
            s.signIn(Roles.VIEWER, Roles.PUBLISHER);
            s.view("publications");
            s.page.fill("#p-widget", "console-missing-widget");
            s.page.click("#pub-history-form button[type=submit]");
            // 404 while this server has no publishing; once it has, an unknown widget has an empty history
            assertThat(s.page.locator("#status")).containsText(Pattern.compile("not found \\(404\\)|0 publications for widget"));
            assertEquals(List.of(), s.errors);
        }
    }
}
