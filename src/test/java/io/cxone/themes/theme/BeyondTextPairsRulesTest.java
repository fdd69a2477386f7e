package io.cxone.themes.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.accessibility.ContrastCheck;
import io.cxone.themes.accessibility.ContrastCheck.Severity;
import io.cxone.themes.accessibility.Level;
import io.cxone.themes.accessibility.Rgb;
import io.cxone.themes.accessibility.Wcag;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.support.SampleThemes;

/** The named examples of SPEC section 1 "Beyond text pairs", one rule at a time. */
class BeyondTextPairsRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThemeValidator VALIDATOR = PlainValidators.themeValidator();

    static ObjectNode sample() {
        return JSON.valueToTree(SampleThemes.enterpriseDarkModeJson());
    }

    static List<ContrastCheck> failing(ValidationReport report) {
        return report.contrast().stream().filter(c -> !c.passes()).toList();
    }

    static ContrastCheck check(ValidationReport report, String pair, String criterion) {
        return report.contrast().stream().filter(c -> c.pair().equals(pair) && c.criterion().equals(criterion))
                .findFirst().orElseThrow(() -> new AssertionError("no " + criterion + " check of " + pair + " in " + report));
    }

    @Test
    void enterpriseDarkModeIsValidWithExactlyItsOneWarning() {
        for (Level level : Level.values()) {
            ValidationReport report = VALIDATOR.validate(sample(), level);
            assertTrue(report.valid(), level + ": " + report);
            List<ContrastCheck> failing = failing(report);
            assertEquals(1, failing.size(), level + ": " + failing);
            assertEquals("buttons[1].color/backgroundColor", failing.get(0).pair());
            assertEquals("1.4.11", failing.get(0).criterion());
            assertEquals(Severity.warning, failing.get(0).severity());
            assertTrue(failing.get(0).ratio() > 1.24 && failing.get(0).ratio() < 1.26, "1.25:1, " + failing.get(0).ratio());
            assertEquals(List.of(), report.errors());
            assertEquals(List.of(), report.warnings());
        }
    }

    @Test
    void redOnBlackPassesButMergesForRedBlindReaders() {
        ObjectNode theme = sample();
        theme.put("backgroundColor", "#000000");
        ((ObjectNode) theme.path("font")).put("color", "#FF0000");
        ValidationReport report = VALIDATOR.validate(theme, Level.AA);
        assertTrue(report.valid(), "colour vision never makes a theme invalid");
        ContrastCheck pair = check(report, "font.color/backgroundColor", "1.4.3");
        assertTrue(pair.passes());
        assertTrue(pair.ratio() > 5.25 && pair.ratio() < 5.26, "5.25:1 for typical vision: " + pair.ratio());
        assertTrue(pair.vision().protanopia() < 4.5, pair.vision().toString());
        assertEquals(pair.ratio(), pair.vision().achromatopsia(), "achromatopsia sees luminance: the same ratio");
        List<FieldError> vision = report.warnings().stream().filter(w -> w.code() == ErrorCode.COLOR_VISION).toList();
        assertEquals(1, vision.size(), report.warnings().toString());
        assertEquals("font.color", vision.get(0).path());
        assertTrue(vision.get(0).message().contains("with protanopia"), vision.get(0).message());
        assertFalse(vision.get(0).message().contains("achromatopsia"), vision.get(0).message());
    }

    @Test
    void everyPairCarriesItsColourVisionRatios() {
        ValidationReport report = VALIDATOR.validate(sample(), Level.AA);
        for (ContrastCheck c : report.contrast()) {
            assertNotNull(c.vision(), c.pair());
        }
        ContrastCheck grey = check(report, "buttons[1].textColor/buttons[1].color", "1.4.3");
        assertEquals(grey.ratio(), grey.vision().protanopia(), 1e-9, "greys look the same to everyone");
        assertEquals(grey.ratio(), grey.vision().tritanopia(), 1e-9);
    }

    @Test
    void whiteTextOnAWhiteButtonIsRejectedAtRestAndUnderThePointer() {
        ObjectNode rest = sample();
        ((ObjectNode) rest.path("buttons").get(0)).put("color", "#FFFFFF").put("textColor", "#FFFFFF");
        ValidationReport atRest = VALIDATOR.validate(rest, Level.AA);
        assertFalse(atRest.valid());
        assertFalse(check(atRest, "buttons[0].textColor/buttons[0].color", "1.4.3").passes());

        ObjectNode hover = sample();
        ((ObjectNode) hover.path("buttons").get(0)).putObject("hover").put("color", "#FFFFFF").put("textColor", "#FFF");
        ValidationReport report = VALIDATOR.validate(hover, Level.AA);
        assertFalse(report.valid(), "white on white under the pointer must not pass");
        ContrastCheck pair = check(report, "buttons[0].hover.textColor/buttons[0].hover.color", "1.4.3");
        assertFalse(pair.passes());
        assertEquals(Severity.error, pair.severity());
        assertEquals(1.0, pair.ratio());
        assertNotNull(pair.suggestion());
        assertEquals("buttons[0].hover.textColor", pair.suggestion().path());
        assertTrue(Wcag.contrast(Rgb.parse(pair.suggestion().color()), Rgb.parse("#FFFFFF")) >= 4.5, pair.suggestion().toString());
        // the AAA pair is reported as for the rest state: a warning at AA
        assertEquals(Severity.warning, check(report, "buttons[0].hover.textColor/buttons[0].hover.color", "1.4.6").severity());
    }

    @Test
    void aReadableHoverThatLooksLikeTheRestStateIsAWarningOnly() {
        ObjectNode theme = sample();
        ((ObjectNode) theme.path("buttons").get(0)).putObject("hover").put("color", "#00E070").put("textColor", "#000000");
        ValidationReport report = VALIDATOR.validate(theme, Level.AA);
        assertTrue(report.valid(), report.toString());
        assertEquals(1, report.warnings().size(), report.warnings().toString());
        FieldError warning = report.warnings().get(0);
        assertEquals("buttons[0].hover", warning.path());
        assertEquals(ErrorCode.HOVER_INDISTINCT, warning.code());
        assertTrue(warning.message().contains("set buttons[0].hover.color to #"), warning.message());

        ((ObjectNode) theme.path("buttons").get(0).path("hover")).put("color", "#006B38").put("textColor", "#FFFFFF");
        ValidationReport changed = VALIDATOR.validate(theme, Level.AA);
        assertEquals(List.of(), changed.warnings(), "a 3:1 change of the fill shows the pointer");
    }

    @Test
    void aFocusRingInThePrimaryColourVanishesOnAPrimaryButton() {
        ObjectNode theme = sample();
        theme.putObject("focusIndicator").put("color", "#00E676").put("widthPx", 2);
        ValidationReport report = VALIDATOR.validate(theme, Level.AA);
        assertFalse(report.valid());
        ContrastCheck onButton = check(report, "focusIndicator.color/buttons[0].color", "1.4.11");
        assertFalse(onButton.passes());
        assertEquals(Severity.error, onButton.severity());
        assertEquals("focusIndicator.color", onButton.suggestion().path());
        assertTrue(check(report, "focusIndicator.color/backgroundColor", "1.4.11").passes());
        assertTrue(check(report, "focusIndicator.color/buttons[1].color", "1.4.11").passes());
        assertTrue(check(report, "focusIndicator.color/backgroundColor", "2.4.13").passes());

        // no colour passes against #1A1A1A, #00E676 and #2C2C2C at once (luminance 0.131..0.160 for the first two,
        // 0.175 or more for the third): with a dark first button, white passes against all three
        ObjectNode dark = darkButtons();
        dark.putObject("focusIndicator").put("color", "#FFFFFF").put("widthPx", 2);
        ValidationReport white = VALIDATOR.validate(dark, Level.AA);
        assertTrue(white.valid(), "white shows on the dark background and both dark fills: " + white);
    }

    /** The sample with a black first button (white label): a white ring passes against everything it touches. */
    static ObjectNode darkButtons() {
        ObjectNode theme = sample();
        ((ObjectNode) theme.path("buttons").get(0)).put("color", "#000000").put("textColor", "#FFFFFF");
        return theme;
    }

    @Test
    void aThinFocusRingFailsOnlyAtAaa() {
        ObjectNode theme = darkButtons();
        theme.putObject("focusIndicator").put("color", "#FFFFFF").put("widthPx", 1);
        ValidationReport aa = VALIDATOR.validate(theme, Level.AA);
        assertTrue(aa.valid(), aa.toString());
        assertEquals(List.of(ErrorCode.FOCUS_APPEARANCE), aa.warnings().stream().map(FieldError::code).toList());
        assertEquals("focusIndicator.widthPx", aa.warnings().get(0).path());
        ValidationReport aaa = VALIDATOR.validate(theme, Level.AAA);
        assertFalse(aaa.valid());
        assertEquals(List.of(ErrorCode.FOCUS_APPEARANCE), aaa.errors().stream().map(FieldError::code).toList());

        // a dim ring: 2.4.13's colour part, reported at AA, enforced at AAA
        theme.putObject("focusIndicator").put("color", "#3A3A3A").put("widthPx", 4);
        ValidationReport dim = VALIDATOR.validate(theme, Level.AA);
        assertEquals(Severity.warning, check(dim, "focusIndicator.color/backgroundColor", "2.4.13").severity());
        assertEquals(Severity.error, check(VALIDATOR.validate(theme, Level.AAA), "focusIndicator.color/backgroundColor",
                "2.4.13").severity());
    }

    @Test
    void targetSizeCountsWhatThePreviewDraws() {
        ObjectNode small = sample();
        small.putObject("launcher").put("sizePx", 20);
        ((ObjectNode) small.path("font")).put("sizePx", 5);
        List<FieldError> errors = VALIDATOR.validate(small, Level.AA).errors();
        assertTrue(errors.stream().anyMatch(e -> e.path().equals("launcher.sizePx") && e.code() == ErrorCode.TARGET_SIZE), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.path().equals("buttons[0]") && e.code() == ErrorCode.TARGET_SIZE
                && e.message().startsWith("is 23.0 CSS px high")), errors.toString());
        // 6 px text: 6 × 1.4 + 16 = 24.4 reaches 24
        ((ObjectNode) small.path("font")).put("sizePx", 6);
        assertTrue(VALIDATOR.validate(small, Level.AA).errors().stream()
                .noneMatch(e -> e.path().startsWith("buttons") && e.code() == ErrorCode.TARGET_SIZE));
        ObjectNode ok = sample();
        ok.putObject("launcher").put("sizePx", 24);
        assertTrue(VALIDATOR.validate(ok, Level.AA).valid());
    }
}
