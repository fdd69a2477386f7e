package io.cxone.themes.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.cxone.themes.accessibility.Rgb;
import io.cxone.themes.accessibility.VisionDeficiency;
import io.cxone.themes.preview.Chromium;
import io.cxone.themes.preview.WithChromium;
import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The editor preview's "Colour vision" switch (the widget in the colours the server's model gives, the same as the
 * {@code ?vision=} preview) and "Keyboard focus" toggle (the ring the widget draws), under the console's strict CSP.
 */
@QuarkusTest
@WithChromium
@WithTestResource(JwtTestKeys.class)
class ConsoleVisionTest {
    @TestHTTPResource("/")
    URL root;

    private static String css(Rgb colour) {
        return "rgb(" + colour.r() + ", " + colour.g() + ", " + colour.b() + ")";
    }

    @Test
    void theVisionSwitchRedrawsTheWidgetAsSeenAndTheFocusToggleShowsTheRing(Chromium chromium) {
        try (ConsoleSession s = new ConsoleSession(chromium, false)) {
            s.open(root);
            s.signIn(Roles.VIEWER);
            s.view("editor");
            // the sample theme: primary and first button #00E676, second button text #E0E0E0 (a grey)
            assertThat(s.page.locator("#widget .w-launcher")).hasCSS("background-color", "rgb(0, 230, 118)");
            for (VisionDeficiency kind : VisionDeficiency.values()) {
                s.page.selectOption("#vision", kind.wireName());
                assertThat(s.page.locator("#widget")).hasAttribute("data-vision", kind.wireName());
                String seen = css(kind.simulate(Rgb.parse("#00E676")));
                assertThat(s.page.locator("#widget .w-launcher")).hasCSS("background-color", seen);
                assertThat(s.page.locator("#w-buttons .w-btn").first()).hasCSS("background-color", seen);
                assertThat(s.page.locator("#w-buttons .w-btn").nth(1)).hasCSS("color", "rgb(224, 224, 224)");
            }
            s.page.selectOption("#vision", "");
            assertThat(s.page.locator("#widget")).hasAttribute("data-vision", "");
            assertThat(s.page.locator("#widget .w-launcher")).hasCSS("background-color", "rgb(0, 230, 118)");

            assertThat(s.page.locator("#widget .w-launcher")).hasCSS("outline-style", "none");
            s.page.check("#show-focus");
            assertThat(s.page.locator("#widget .w-launcher")).hasCSS("outline-color", "rgb(0, 230, 118)");
            assertThat(s.page.locator("#widget .w-launcher")).hasCSS("outline-width", "2px");
            assertThat(s.page.locator("#w-buttons .w-btn").first()).hasCSS("outline-style", "solid");
            Chromium.screenshot(s.page, "console-vision-focus.png");
            assertEquals(List.of(), s.errors);
            assertEquals(List.of("localhost"), s.hosts());
        }
    }
}
