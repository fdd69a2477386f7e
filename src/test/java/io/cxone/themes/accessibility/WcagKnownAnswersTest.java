package io.cxone.themes.accessibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.cxone.themes.accessibility.ContrastCheck.Severity;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.theme.Button;
import io.cxone.themes.theme.ButtonPosition;
import io.cxone.themes.theme.ContrastRules;
import io.cxone.themes.theme.Font;
import io.cxone.themes.theme.Theme;
import io.cxone.themes.theme.ValidationReport;

/** Known answers of WCAG 2.1 contrast, checked on the engine itself (no HTTP). */
class WcagKnownAnswersTest {
    private static final Rgb BLACK = Rgb.parse("#000000");
    private static final Rgb WHITE = Rgb.parse("#FFFFFF");

    @Test
    void blackOnWhiteIs21AndWhiteOnWhiteIs1() {
        assertEquals(21.0, Wcag.contrast(BLACK, WHITE), 1e-12);
        assertEquals(21.0, Wcag.contrast(WHITE, BLACK), 1e-12, "the ratio is symmetric");
        assertEquals(1.0, Wcag.contrast(WHITE, WHITE), 0.0);
        assertEquals(0.0, BLACK.luminance(), 0.0);
        assertEquals(1.0, WHITE.luminance(), 1e-12);
    }

    @Test
    void grey777777FailsAndGrey767676PassesOnWhite() {
        double ratio77 = Wcag.contrast(Rgb.parse("#777777"), WHITE);
        double ratio76 = Wcag.contrast(Rgb.parse("#767676"), WHITE);
        assertEquals(4.478, ratio77, 0.001);
        assertEquals(4.542, ratio76, 0.001);

        ContrastCheck fails = textCheck(theme(14, 400, "#777777", "#FFFFFF"), "font.color/backgroundColor", "1.4.3");
        assertFalse(fails.passes());
        assertEquals(4.5, fails.required(), 0.0);
        assertEquals(Severity.error, fails.severity());
        assertNotNull(fails.suggestion(), "a failing pair comes with a suggestion");

        ContrastCheck passes = textCheck(theme(14, 400, "#767676", "#FFFFFF"), "font.color/backgroundColor", "1.4.3");
        assertTrue(passes.passes());
        assertNull(passes.suggestion(), "a passing pair has no suggestion");
    }

    @Test
    void comparisonIsUnrounded() {
        // #66798A on white is 4.4998:1, which would print as 4.50 but must still fail 4.5
        double ratio = Wcag.contrast(Rgb.parse("#66798A"), WHITE);
        assertTrue(ratio >= 4.49 && ratio < 4.5, "ratio " + ratio + " must lie in [4.49, 4.5)");
        assertEquals("4.50", String.format(java.util.Locale.ROOT, "%.2f", ratio), "rounding would hide the failure");
        ContrastCheck check = textCheck(theme(14, 400, "#66798A", "#FFFFFF"), "font.color/backgroundColor", "1.4.3");
        assertEquals(ratio, check.ratio(), 0.0, "the report carries the unrounded ratio");
        assertFalse(check.passes());
    }

    @Test
    void largeTextNeedsOnly3To1() {
        // #949494 on white is about 3.03:1: large text passes, normal text fails
        double ratio = Wcag.contrast(Rgb.parse("#949494"), WHITE);
        assertTrue(ratio >= 3.0 && ratio < 4.5, "precondition: ratio " + ratio);
        ContrastCheck large = textCheck(theme(24, 400, "#949494", "#FFFFFF"), "font.color/backgroundColor", "1.4.3");
        assertTrue(large.passes());
        assertEquals(3.0, large.required(), 0.0);
        ContrastCheck normal = textCheck(theme(14, 400, "#949494", "#FFFFFF"), "font.color/backgroundColor", "1.4.3");
        assertFalse(normal.passes());
        assertEquals(4.5, normal.required(), 0.0);
        // AAA (1.4.6) needs 4.5 for large text and 7 for normal
        assertEquals(4.5, textCheck(theme(24, 400, "#949494", "#FFFFFF"), "font.color/backgroundColor", "1.4.6").required(), 0.0);
        assertEquals(7.0, textCheck(theme(14, 400, "#949494", "#FFFFFF"), "font.color/backgroundColor", "1.4.6").required(), 0.0);
    }

    @Test
    void boldIsLargeFrom18Point66PxAtWeight700Only() {
        assertTrue(ContrastRules.isLargeText(theme(19, 700, "#949494", "#FFFFFF")), "19 px bold is large");
        assertTrue(ContrastRules.isLargeText(theme(19, 900, "#949494", "#FFFFFF")), "19 px black is large");
        assertFalse(ContrastRules.isLargeText(theme(19, 600, "#949494", "#FFFFFF")), "19 px semi-bold is not large");
        assertFalse(ContrastRules.isLargeText(theme(18, 700, "#949494", "#FFFFFF")), "18 px bold is under 18.66 px");
        assertTrue(ContrastRules.isLargeText(theme(24, 100, "#949494", "#FFFFFF")), "24 px is large at any weight");
        assertFalse(ContrastRules.isLargeText(theme(23, 600, "#949494", "#FFFFFF")));
        assertTrue(textCheck(theme(19, 700, "#949494", "#FFFFFF"), "font.color/backgroundColor", "1.4.3").passes());
        assertFalse(textCheck(theme(19, 600, "#949494", "#FFFFFF"), "font.color/backgroundColor", "1.4.3").passes());
    }

    @Test
    void enterpriseDarkModeIsValidWithExactlyOneWarning() {
        Theme sample = SampleThemes.enterpriseDarkMode();
        List<ContrastCheck> checks = ContrastRules.check(sample, Level.AA);
        List<ContrastCheck> failing = checks.stream().filter(c -> !c.passes()).toList();
        assertEquals(1, failing.size(), "exactly one failing check: " + failing);
        ContrastCheck warning = failing.get(0);
        assertEquals("buttons[1].color/backgroundColor", warning.pair());
        assertEquals("1.4.11", warning.criterion());
        assertEquals(Severity.warning, warning.severity());
        assertEquals(1.25, warning.ratio(), 0.005);
        assertEquals("#2C2C2C", warning.foreground());
        assertEquals("#1A1A1A", warning.background());
        assertNotNull(warning.suggestion());
        assertEquals("buttons[1].color", warning.suggestion().path());
        assertTrue(ValidationReport.of(Level.AA, List.of(), checks).valid());
        // every rule of SPEC section 1 was checked: 3 text pairs x (1.4.3 + 1.4.6), primary, 2 button fills
        assertEquals(9, checks.size(), "checks: " + checks);
    }

    @Test
    void whiteTextOnWhiteButtonIsRejectedWithASuggestion() {
        Theme sample = SampleThemes.enterpriseDarkMode();
        Theme broken = new Theme(sample.name(), sample.backgroundColor(), sample.primaryColor(), sample.font(),
                List.of(new Button("Start Chat", "#FFFFFF", "#FFFFFF", ButtonPosition.CENTER, null)),
                sample.borderRadiusPx(), sample.maxWidthPx(), null);
        List<ContrastCheck> checks = ContrastRules.check(broken, Level.AA);
        ContrastCheck check = checks.stream()
                .filter(c -> c.pair().equals("buttons[0].textColor/buttons[0].color") && c.criterion().equals("1.4.3"))
                .findFirst().orElseThrow();
        assertEquals(1.0, check.ratio(), 0.0);
        assertFalse(check.passes());
        assertEquals(Severity.error, check.severity());
        assertEquals("buttons[0].textColor", check.suggestion().path());
        assertTrue(check.suggestion().passes());
        assertTrue(Wcag.contrast(Rgb.parse(check.suggestion().color()), WHITE) >= 4.5);
        assertFalse(ValidationReport.of(Level.AA, List.of(), checks).valid());
    }

    @Test
    void aaaTurnsFailing146IntoErrors() {
        // #767676 on white passes 1.4.3 (4.54) but fails 1.4.6 (7)
        Theme theme = theme(14, 400, "#767676", "#FFFFFF");
        ContrastCheck aa = textCheck(theme, "font.color/backgroundColor", "1.4.6");
        assertFalse(aa.passes());
        assertEquals(Severity.warning, aa.severity());
        assertTrue(ValidationReport.of(Level.AA, List.of(), ContrastRules.check(theme, Level.AA)).valid());
        List<ContrastCheck> strict = ContrastRules.check(theme, Level.AAA);
        ContrastCheck aaa = strict.stream().filter(c -> c.pair().equals("font.color/backgroundColor") && c.criterion().equals("1.4.6"))
                .findFirst().orElseThrow();
        assertEquals(Severity.error, aaa.severity());
        assertFalse(ValidationReport.of(Level.AAA, List.of(), strict).valid());
    }

    /** A theme whose only interesting pair is font on background; buttons and primary pass against white. */
    static Theme theme(int sizePx, int weight, String fontColor, String background) {
        return new Theme("Known answers", background, "#000000", new Font("Inter", sizePx, weight, fontColor),
                List.of(new Button("OK", "#000000", "#FFFFFF", ButtonPosition.RIGHT, null)), 8, 360, null);
    }

    static ContrastCheck textCheck(Theme theme, String pair, String criterion) {
        return ContrastRules.check(theme, Level.AA).stream()
                .filter(c -> c.pair().equals(pair) && c.criterion().equals(criterion))
                .findFirst().orElseThrow(() -> new AssertionError("no " + criterion + " check for " + pair));
    }
}
