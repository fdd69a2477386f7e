package io.cxone.themes.theme;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.cxone.themes.accessibility.ContrastCheck;
import io.cxone.themes.accessibility.VisionDeficiency;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;

/**
 * Colour vision in the report (SPEC section 1, "Beyond text pairs"): a warning for each enforced pair (severity
 * {@code error} at the asked level) that passes for typical vision but falls under its requirement with a colour
 * vision deficiency. Never an error: WCAG does not require it. Pairs that are only reported (AAA at level AA, button
 * fills against the background) get their ratios in {@code vision} but no warning.
 */
final class ColorVisionRules {
    private ColorVisionRules() {
    }

    static List<FieldError> warnings(List<ContrastCheck> checks) {
        List<FieldError> warnings = new ArrayList<>();
        for (ContrastCheck check : checks) {
            if (!check.passes() || check.severity() != ContrastCheck.Severity.error || check.vision() == null) {
                continue;
            }
            List<String> under = new ArrayList<>();
            for (VisionDeficiency kind : VisionDeficiency.values()) {
                double seen = check.vision().of(kind);
                if (seen < check.required()) {
                    under.add(String.format(Locale.ROOT, "%.2f:1 with %s", seen, kind.wireName()));
                }
            }
            if (!under.isEmpty()) {
                String path = check.pair().substring(0, check.pair().indexOf('/'));
                warnings.add(new FieldError(path, ErrorCode.COLOR_VISION, String.format(Locale.ROOT,
                        "%s passes SC %s for typical vision (%.2f:1) but falls to %s (needs %s:1): the two colours "
                                + "merge for these readers; see it with the preview's ?vision= and move %s further "
                                + "in lightness", check.pair(), check.criterion(), check.ratio(), String.join(", ", under),
                        trim(check.required()), path)));
            }
        }
        return warnings;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((int) value) : String.valueOf(value);
    }
}
