package io.cxone.themes.theme;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.cxone.themes.accessibility.ColorSuggester;
import io.cxone.themes.accessibility.ContrastCheck;
import io.cxone.themes.accessibility.ContrastCheck.Severity;
import io.cxone.themes.accessibility.Level;
import io.cxone.themes.accessibility.Rgb;
import io.cxone.themes.accessibility.Suggestion;
import io.cxone.themes.accessibility.VisionRatios;
import io.cxone.themes.accessibility.Wcag;

/**
 * The WCAG 2.1 rules of SPEC section 1 applied to a theme: text pairs (1.4.3, and 1.4.6 as a warning unless AAA is
 * asked), the primary colour against the background (1.4.11, error) and button fills (1.4.11, warning); then the
 * focus and hover pairs of {@link InteractionRules}.
 * Pairs with a missing or malformed colour are skipped: the field error already names them.
 * <p>
 * In {@code theme}, beside the model it reads: {@code accessibility} is the WCAG arithmetic (contrast, suggestions) and
 * knows nothing of themes, so the two packages do not import each other.
 */
public final class ContrastRules {
    static final double LARGE_PX = 24;
    static final double LARGE_BOLD_PX = 18.66;
    static final int BOLD = 700;

    private ContrastRules() {
    }

    public static List<ContrastCheck> check(Theme theme, Level level) {
        List<ContrastCheck> checks = new ArrayList<>();
        boolean large = isLargeText(theme);
        String bg = theme.backgroundColor();
        if (theme.font() != null) {
            text(checks, "font.color", theme.font().color(), "backgroundColor", bg, large, level);
        }
        if (theme.header() != null) {
            text(checks, "header.textColor", theme.header().textColor(), "header.backgroundColor",
                    theme.header().backgroundColor(), large, level);
        }
        List<Button> buttons = theme.buttons() == null ? List.of() : theme.buttons();
        for (int i = 0; i < buttons.size(); i++) {
            Button button = buttons.get(i);
            if (button != null) {
                String at = "buttons[" + i + "]";
                text(checks, at + ".textColor", button.textColor(), at + ".color", button.color(), large, level);
            }
        }
        add(checks, "primaryColor", theme.primaryColor(), "backgroundColor", bg, 3.0, "1.4.11", Severity.error);
        for (int i = 0; i < buttons.size(); i++) {
            if (buttons.get(i) != null) {
                add(checks, "buttons[" + i + "].color", buttons.get(i).color(), "backgroundColor", bg, 3.0, "1.4.11",
                        Severity.warning);
            }
        }
        InteractionRules.contrast(theme, level, large, checks);
        return checks;
    }

    /**
     * One SC 1.4.3 pair of text of unknown size (so normal text, 4.5:1) outside a theme, such as a CXone proactive
     * popup's text on its background: the same ratio, suggestion and colour vision ratios as a theme's pairs; empty when
     * a colour is not canonical.
     */
    public static java.util.Optional<ContrastCheck> normalText(String fgPath, String fg, String bgPath, String bg) {
        List<ContrastCheck> one = new ArrayList<>(1);
        add(one, fgPath, fg, bgPath, bg, 4.5, "1.4.3", Severity.error);
        return one.stream().findFirst();
    }

    /** Large per WCAG: at least 24 px, or at least 18.66 px (14 pt) when bold. Unknown size counts as normal text. */
    public static boolean isLargeText(Theme theme) {
        if (theme.font() == null || theme.font().sizePx() == null) {
            return false;
        }
        int size = theme.font().sizePx();
        int weight = theme.font().weight() == null ? 400 : theme.font().weight();
        return size >= LARGE_PX || (size >= LARGE_BOLD_PX && weight >= BOLD);
    }

    static void text(List<ContrastCheck> checks, String fgPath, String fg, String bgPath, String bg,
            boolean large, Level level) {
        add(checks, fgPath, fg, bgPath, bg, large ? 3.0 : 4.5, "1.4.3", Severity.error);
        add(checks, fgPath, fg, bgPath, bg, large ? 4.5 : 7.0, "1.4.6",
                level == Level.AAA ? Severity.error : Severity.warning);
    }

    /** Adds one check; the foreground side is the one a suggestion adjusts. */
    static void add(List<ContrastCheck> checks, String fgPath, String fg, String bgPath, String bg,
            double required, String criterion, Severity severity) {
        if (!HexColors.isCanonical(fg) || !HexColors.isCanonical(bg)) {
            return;
        }
        Rgb foreground = Rgb.parse(fg), background = Rgb.parse(bg);
        double ratio = Wcag.contrast(foreground, background);
        boolean passes = ratio >= required;
        Suggestion suggestion = passes ? null : suggest(fgPath, foreground, bgPath, background, required);
        checks.add(new ContrastCheck(fgPath + "/" + bgPath, fg, bg, ratio, required, criterion, severity, passes, suggestion,
                VisionRatios.of(foreground, background)));
    }

    private static Suggestion suggest(String fgPath, Rgb foreground, String bgPath, Rgb background, double required) {
        return ColorSuggester.nearestPassing(foreground, background, required)
                .map(rgb -> {
                    double ratio = Wcag.contrast(rgb, background);
                    return new Suggestion(fgPath, rgb.hex(), ratio, true, String.format(Locale.ROOT,
                            "set %s to %s (%.2f:1, needs %s:1)", fgPath, rgb.hex(), ratio, trim(required)));
                })
                .orElseGet(() -> {
                    Rgb best = Wcag.contrast(new Rgb(0, 0, 0), background) >= Wcag.contrast(new Rgb(255, 255, 255), background)
                            ? new Rgb(0, 0, 0) : new Rgb(255, 255, 255);
                    double ratio = Wcag.contrast(best, background);
                    return new Suggestion(fgPath, best.hex(), ratio, false, String.format(Locale.ROOT,
                            "no colour reaches %s:1 against %s %s; the best, %s, gives %.2f:1: change %s as well",
                            trim(required), bgPath, background.hex(), best.hex(), ratio, bgPath));
                });
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((int) value) : String.valueOf(value);
    }
}
