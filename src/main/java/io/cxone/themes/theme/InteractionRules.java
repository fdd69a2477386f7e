package io.cxone.themes.theme;

import java.util.List;
import java.util.Locale;

import io.cxone.themes.accessibility.ColorSuggester;
import io.cxone.themes.accessibility.ContrastCheck;
import io.cxone.themes.accessibility.ContrastCheck.Severity;
import io.cxone.themes.accessibility.Level;
import io.cxone.themes.accessibility.Rgb;
import io.cxone.themes.accessibility.Wcag;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;

/**
 * The rules of SPEC section 1 "Beyond text pairs" for the widget's states and sizes: the keyboard focus indicator
 * (SC 1.4.11, 2.4.13), hover states (SC 1.4.3, and a warning when nothing changes), target size (SC 2.5.8).
 * <p>
 * Geometry, as the widget and the preview draw it: the focus indicator is an outline directly outside the control's
 * edge. Its pixels were the background before focus (what SC 2.4.13 compares), and it touches the background outside
 * and the button's fill inside (what SC 1.4.11 compares). A theme without {@code focusIndicator} keeps the ring it
 * always had, the primary colour at 2 px: its background pair is the {@code primaryColor} check already, and no new
 * pair is reported, so older themes validate exactly as before (SPEC: defaults keep them valid and unchanged).
 */
final class InteractionRules {
    /** SC 1.4.11 and 2.4.13: a focus indicator, and a visible change of state, need 3:1. */
    static final double NON_TEXT = 3.0;

    private InteractionRules() {
    }

    /** The focus and hover colour pairs, appended after the rest-state pairs. */
    static void contrast(Theme theme, Level level, boolean large, List<ContrastCheck> checks) {
        List<Button> buttons = theme.buttons() == null ? List.of() : theme.buttons();
        FocusIndicator focus = theme.focusIndicator();
        if (focus != null) {
            String bg = theme.backgroundColor();
            ContrastRules.add(checks, "focusIndicator.color", focus.color(), "backgroundColor", bg, NON_TEXT, "1.4.11",
                    Severity.error);
            for (int i = 0; i < buttons.size(); i++) {
                if (buttons.get(i) != null) {
                    ContrastRules.add(checks, "focusIndicator.color", focus.color(), "buttons[" + i + "].color",
                            buttons.get(i).color(), NON_TEXT, "1.4.11", Severity.error);
                }
            }
            ContrastRules.add(checks, "focusIndicator.color", focus.color(), "backgroundColor", bg, NON_TEXT, "2.4.13",
                    level == Level.AAA ? Severity.error : Severity.warning);
        }
        for (int i = 0; i < buttons.size(); i++) {
            Button button = buttons.get(i);
            if (button != null && button.hover() != null) {
                String at = "buttons[" + i + "].hover";
                ContrastRules.text(checks, at + ".textColor", button.hover().textColor(), at + ".color",
                        button.hover().color(), large, level);
            }
        }
    }

    /** Findings that are not colour pairs: target sizes and focus thickness (errors), unchanged hover (warning). */
    static void findings(Theme theme, Level level, List<FieldError> errors, List<FieldError> warnings) {
        targetSizes(theme, errors);
        FocusIndicator focus = theme.focusIndicator();
        if (focus != null && focus.widthPx() != null && focus.widthPx() >= FocusIndicator.MIN_WIDTH_PX
                && focus.widthPx() < FocusIndicator.DEFAULT_WIDTH_PX) {
            (level == Level.AAA ? errors : warnings).add(new FieldError("focusIndicator.widthPx",
                    ErrorCode.FOCUS_APPEARANCE, "is " + focus.widthPx() + " px; SC 2.4.13 (AAA) needs a focus indicator "
                    + "at least " + FocusIndicator.DEFAULT_WIDTH_PX + " px thick: set it to "
                    + FocusIndicator.DEFAULT_WIDTH_PX));
        }
        List<Button> buttons = theme.buttons() == null ? List.of() : theme.buttons();
        for (int i = 0; i < buttons.size(); i++) {
            Button button = buttons.get(i);
            if (button != null && button.hover() != null) {
                indistinctHover(button, "buttons[" + i + "]", warnings);
            }
        }
    }

    /** SC 2.5.8: every button and the launcher at least 24 × 24 CSS px as drawn. */
    private static void targetSizes(Theme theme, List<FieldError> errors) {
        Integer fontSize = theme.font() == null ? null : theme.font().sizePx();
        List<Button> buttons = theme.buttons() == null ? List.of() : theme.buttons();
        if (fontSize != null && fontSize > 0) {
            double height = WidgetMetrics.buttonHeightPx(fontSize);
            for (int i = 0; i < buttons.size(); i++) {
                if (buttons.get(i) != null && height < WidgetMetrics.MIN_TARGET_PX) {
                    errors.add(new FieldError("buttons[" + i + "]", ErrorCode.TARGET_SIZE, String.format(Locale.ROOT,
                            "is %.1f CSS px high as drawn (font.sizePx %d × line height %s + %d px padding); SC 2.5.8 "
                                    + "needs %d × %d: raise font.sizePx", height, fontSize,
                            WidgetMetrics.LINE_HEIGHT, 2 * WidgetMetrics.BUTTON_PADDING_Y_PX,
                            WidgetMetrics.MIN_TARGET_PX, WidgetMetrics.MIN_TARGET_PX)));
                }
            }
        }
        Launcher launcher = theme.launcher();
        if (launcher != null && launcher.sizePx() != null && launcher.sizePx() < WidgetMetrics.MIN_TARGET_PX) {
            errors.add(new FieldError("launcher.sizePx", ErrorCode.TARGET_SIZE, "the launcher is " + launcher.sizePx()
                    + " × " + launcher.sizePx() + " CSS px; SC 2.5.8 needs " + WidgetMetrics.MIN_TARGET_PX + " × "
                    + WidgetMetrics.MIN_TARGET_PX + ": set launcher.sizePx to at least " + WidgetMetrics.MIN_TARGET_PX));
        }
    }

    /** A warning when neither the fill nor the label changes by 3:1 under the pointer: nothing shows it is there. */
    private static void indistinctHover(Button button, String at, List<FieldError> warnings) {
        Hover hover = button.hover();
        if (!HexColors.isCanonical(hover.color()) || !HexColors.isCanonical(hover.textColor())
                || !HexColors.isCanonical(button.color()) || !HexColors.isCanonical(button.textColor())) {
            return;
        }
        Rgb rest = Rgb.parse(button.color()), over = Rgb.parse(hover.color());
        double fill = Wcag.contrast(over, rest);
        double text = Wcag.contrast(Rgb.parse(hover.textColor()), Rgb.parse(button.textColor()));
        if (fill >= NON_TEXT || text >= NON_TEXT) {
            return;
        }
        String fix = ColorSuggester.nearestPassing(over, rest, NON_TEXT)
                .map(rgb -> String.format(Locale.ROOT, ": set %s.hover.color to %s (%.2f:1 against the rest fill), "
                        + "or change the label colour by 3:1", at, rgb.hex(), Wcag.contrast(rgb, rest)))
                .orElse(": change the hover label colour by 3:1 against the rest label colour");
        warnings.add(new FieldError(at + ".hover", ErrorCode.HOVER_INDISTINCT, String.format(Locale.ROOT,
                "differs from the rest state by only %.2f:1 (fill) and %.2f:1 (label); nothing shows the pointer is "
                        + "there%s", fill, text, fix)));
    }
}
