package io.cxone.themes.accessibility;

import static io.cxone.themes.accessibility.WcagRandomizedTest.oracleRatio;
import static io.cxone.themes.accessibility.WcagRandomizedTest.randomHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.support.Seeds;
import io.cxone.themes.theme.Button;
import io.cxone.themes.theme.ButtonPosition;
import io.cxone.themes.theme.FocusIndicator;
import io.cxone.themes.theme.Font;
import io.cxone.themes.theme.Hover;
import io.cxone.themes.theme.Launcher;
import io.cxone.themes.theme.PlainValidators;
import io.cxone.themes.theme.Theme;
import io.cxone.themes.theme.ThemeValidator;
import io.cxone.themes.theme.ValidationReport;

/**
 * Each rule of SPEC section 1 "Beyond text pairs" against an independent computation (the hex-and-formula oracle of
 * {@link WcagRandomizedTest}, the button height written out from the stylesheet's numbers, the simulated colours of
 * {@link VisionDeficiency} (tested on its own in {@code VisionDeficiencyTest}) through that formula), over seeded random
 * themes.
 * The seeds are fixed (CI runs the same themes every time); {@code -Dtest.seed=N} runs others.
 */
class BeyondTextPairsRandomizedTest {
    private static final ThemeValidator VALIDATOR = PlainValidators.themeValidator();
    private static final int THEMES = 3_000;

    record Case(Theme theme, Level level) {
    }

    static Theme randomTheme(Random random) {
        int size = 1 + random.nextInt(30); // also sizes the field rule refuses: target size is judged all the same
        int weight = 100 * (1 + random.nextInt(9));
        List<Button> buttons = new ArrayList<>();
        for (int b = 0, count = 1 + random.nextInt(3); b < count; b++) {
            String fill = randomHex(random), text = randomHex(random);
            Hover hover = null;
            if (random.nextBoolean()) {
                // half of them near the rest colours, so that the indistinct-hover warning is hit often
                hover = random.nextBoolean() ? new Hover(randomHex(random), randomHex(random))
                        : new Hover(nudge(fill, random), nudge(text, random));
            }
            buttons.add(new Button("B" + b, fill, text, ButtonPosition.values()[random.nextInt(3)], null, hover));
        }
        FocusIndicator focus = random.nextInt(4) == 0 ? null : new FocusIndicator(randomHex(random), 1 + random.nextInt(4));
        Launcher launcher = random.nextInt(3) == 0 ? null : new Launcher(1 + random.nextInt(120));
        return new Theme("Random theme", randomHex(random), randomHex(random), new Font("Inter", size, weight, randomHex(random)),
                buttons, 8, 360, null, focus, launcher);
    }

    private static String nudge(String hex, Random random) {
        int[] c = WcagRandomizedTest.parseHex(hex);
        StringBuilder out = new StringBuilder("#");
        for (int v : c) {
            out.append(String.format("%02X", Math.max(0, Math.min(255, v + random.nextInt(41) - 20))));
        }
        return out.toString();
    }

    static boolean large(Theme theme) {
        return theme.font().sizePx() >= 24 || (theme.font().sizePx() >= 18.66 && theme.font().weight() >= 700);
    }

    static ContrastCheck find(ValidationReport report, String pair, String criterion, String tag) {
        List<ContrastCheck> found = report.contrast().stream()
                .filter(c -> c.pair().equals(pair) && c.criterion().equals(criterion)).toList();
        assertEquals(1, found.size(), tag + "exactly one " + criterion + " check of " + pair);
        return found.get(0);
    }

    /** A check agrees with the oracle: ratio, verdict, severity, and a suggestion exactly when failing that passes. */
    static void agrees(ContrastCheck check, String fg, String bg, double required, ContrastCheck.Severity severity, String tag) {
        double ratio = oracleRatio(fg, bg);
        assertEquals(ratio, check.ratio(), 1e-9, tag + check.pair());
        assertEquals(required, check.required(), tag + check.pair());
        assertEquals(ratio >= required, check.passes(), tag + check.pair() + " " + ratio);
        assertEquals(severity, check.severity(), tag + check.pair());
        if (check.passes()) {
            assertNull(check.suggestion(), tag);
        } else {
            assertNotNull(check.suggestion(), tag + check.pair());
            String path = check.pair().substring(0, check.pair().indexOf('/'));
            assertEquals(path, check.suggestion().path(), tag);
            if (check.suggestion().passes()) {
                assertTrue(oracleRatio(check.suggestion().color(), bg) >= required, tag + check.suggestion());
            }
        }
    }

    @Test
    void everyRuleAgreesWithAnIndependentComputation() {
        long seed = Seeds.seedOr(230_001L);
        String tag = Seeds.tag(seed);
        Random random = Seeds.random(seed);
        int focusFailures = 0, hoverFailures = 0, indistinct = 0, thin = 0, small = 0, vision = 0;
        for (int n = 0; n < THEMES; n++) {
            Theme theme = randomTheme(random);
            Level level = random.nextBoolean() ? Level.AA : Level.AAA;
            ValidationReport report = VALIDATOR.validate(theme, level);
            String at = tag + "theme " + n + " " + level + ": ";
            List<FieldError> expectedErrors = new ArrayList<>();
            List<FieldError> expectedWarnings = new ArrayList<>();

            FocusIndicator focus = theme.focusIndicator();
            long focusChecks = report.contrast().stream().filter(c -> c.pair().startsWith("focusIndicator.")).count();
            if (focus == null) {
                assertEquals(0, focusChecks, at + "no ring named, no ring pairs");
            } else {
                assertEquals(theme.buttons().size() + 2, focusChecks, at);
                agrees(find(report, "focusIndicator.color/backgroundColor", "1.4.11", at), focus.color(),
                        theme.backgroundColor(), 3.0, ContrastCheck.Severity.error, at);
                for (int i = 0; i < theme.buttons().size(); i++) {
                    ContrastCheck c = find(report, "focusIndicator.color/buttons[" + i + "].color", "1.4.11", at);
                    agrees(c, focus.color(), theme.buttons().get(i).color(), 3.0, ContrastCheck.Severity.error, at);
                    focusFailures += c.passes() ? 0 : 1;
                }
                agrees(find(report, "focusIndicator.color/backgroundColor", "2.4.13", at), focus.color(),
                        theme.backgroundColor(), 3.0,
                        level == Level.AAA ? ContrastCheck.Severity.error : ContrastCheck.Severity.warning, at);
                if (focus.widthPx() < 2) {
                    thin++;
                    (level == Level.AAA ? expectedErrors : expectedWarnings).add(
                            new FieldError("focusIndicator.widthPx", ErrorCode.FOCUS_APPEARANCE, null));
                }
            }

            boolean large = large(theme);
            for (int i = 0; i < theme.buttons().size(); i++) {
                Button b = theme.buttons().get(i);
                String pair = "buttons[" + i + "].hover.textColor/buttons[" + i + "].hover.color";
                if (b.hover() == null) {
                    assertTrue(report.contrast().stream().noneMatch(c -> c.pair().equals(pair)), at);
                    continue;
                }
                ContrastCheck aa = find(report, pair, "1.4.3", at);
                agrees(aa, b.hover().textColor(), b.hover().color(), large ? 3.0 : 4.5, ContrastCheck.Severity.error, at);
                agrees(find(report, pair, "1.4.6", at), b.hover().textColor(), b.hover().color(), large ? 4.5 : 7.0,
                        level == Level.AAA ? ContrastCheck.Severity.error : ContrastCheck.Severity.warning, at);
                hoverFailures += aa.passes() ? 0 : 1;
                if (oracleRatio(b.hover().color(), b.color()) < 3 && oracleRatio(b.hover().textColor(), b.textColor()) < 3) {
                    indistinct++;
                    expectedWarnings.add(new FieldError("buttons[" + i + "].hover", ErrorCode.HOVER_INDISTINCT, null));
                }
            }

            // the preview: .chat line-height 1.4, .btn padding 8px above and below
            double buttonHeight = theme.font().sizePx() * 1.4 + 8 + 8;
            if (buttonHeight < 24) {
                small++;
                for (int i = 0; i < theme.buttons().size(); i++) {
                    expectedErrors.add(new FieldError("buttons[" + i + "]", ErrorCode.TARGET_SIZE, null));
                }
            }
            if (theme.launcher() != null && theme.launcher().sizePx() < 24) {
                expectedErrors.add(new FieldError("launcher.sizePx", ErrorCode.TARGET_SIZE, null));
            }

            // colour vision: every pair's ratios, simulated colours through the oracle formula; a warning for each
            // enforced pair that passes but falls under its requirement with some deficiency
            for (ContrastCheck c : report.contrast()) {
                assertNotNull(c.vision(), at + c.pair());
                boolean under = false;
                for (VisionDeficiency kind : VisionDeficiency.values()) {
                    double expected = kind == VisionDeficiency.ACHROMATOPSIA ? oracleRatio(c.foreground(), c.background())
                            : oracleRatio(kind.simulate(Rgb.parse(c.foreground())).hex(), kind.simulate(Rgb.parse(c.background())).hex());
                    assertEquals(expected, c.vision().of(kind), 1e-9, at + c.pair() + " " + kind);
                    under |= expected < c.required();
                }
                if (c.passes() && c.severity() == ContrastCheck.Severity.error && under) {
                    vision++;
                    expectedWarnings.add(new FieldError(c.pair().substring(0, c.pair().indexOf('/')), ErrorCode.COLOR_VISION, null));
                }
            }

            List<String> ruleErrors = report.errors().stream()
                    .filter(e -> e.code() == ErrorCode.TARGET_SIZE || e.code() == ErrorCode.FOCUS_APPEARANCE)
                    .map(e -> e.path() + " " + e.code()).sorted().toList();
            assertEquals(expectedErrors.stream().map(e -> e.path() + " " + e.code()).sorted().toList(), ruleErrors, at);
            assertEquals(expectedWarnings.stream().map(e -> e.path() + " " + e.code()).sorted().toList(),
                    report.warnings().stream().map(e -> e.path() + " " + e.code()).sorted().toList(), at);
            boolean anyFailingError = report.contrast().stream()
                    .anyMatch(c -> !c.passes() && c.severity() == ContrastCheck.Severity.error);
            assertEquals(report.errors().isEmpty() && !anyFailingError, report.valid(), at);
        }
        // the corpus reaches every branch, so a rule that never fires cannot pass unnoticed
        assertTrue(focusFailures > 100 && hoverFailures > 100 && indistinct > 100 && thin > 100 && small > 100 && vision > 100,
                tag + "focus " + focusFailures + ", hover " + hoverFailures + ", indistinct " + indistinct + ", thin "
                        + thin + ", small " + small + ", vision " + vision);
    }
}
