package io.cxone.themes.theme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The target-size rule's measures are the ones the preview's stylesheet draws with (one truth, checked). */
class WidgetMetricsTest {
    private static final Path CSS = Path.of("src/main/resources/templates/tags/previewCss.html");

    static String rule(String css, String selector) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(selector) + " \\{([^}]*)}").matcher(css);
        assertTrue(m.find(), "no rule " + selector + " in " + CSS);
        return m.group(1);
    }

    @Test
    void thePreviewDrawsButtonsWithTheseMeasures() throws IOException {
        String css = Files.readString(CSS);
        String chat = rule(css, ".chat");
        assertTrue(chat.contains("line-height: " + WidgetMetrics.LINE_HEIGHT + ";"), ".chat line-height: " + chat);
        String btn = rule(css, ".btn");
        assertTrue(btn.contains("padding: " + WidgetMetrics.BUTTON_PADDING_Y_PX + "px " + WidgetMetrics.BUTTON_PADDING_X_PX
                + "px;"), ".btn padding: " + btn);
        assertTrue(btn.contains("font: inherit;"), "a button inherits the chat window's font and line height: " + btn);
    }
}
