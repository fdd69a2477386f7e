package io.cxone.themes.accessibility;

import java.util.Optional;
import java.util.function.DoublePredicate;

/**
 * Finds the nearest colour that reaches a contrast ratio: same hue and saturation, the smallest change of lightness,
 * searched on both sides (darker and lighter than the fixed colour) because either may be nearer.
 */
public final class ColorSuggester {
    private static final int ITERATIONS = 60;

    private ColorSuggester() {
    }

    /** The passing colour nearest to {@code adjustable}, or empty when no lightness of its hue reaches {@code required}. */
    public static Optional<Rgb> nearestPassing(Rgb adjustable, Rgb fixed, double required) {
        Hsl hsl = Hsl.of(adjustable);
        double fixedLuminance = fixed.luminance();
        Double darker = boundary(0, hsl.l(), l -> darkPasses(hsl.withLightness(l), fixedLuminance, required));
        Double lighter = boundary(1, hsl.l(), l -> lightPasses(hsl.withLightness(l), fixedLuminance, required));
        if (darker == null && lighter == null) {
            return Optional.empty();
        }
        double chosen;
        if (darker == null) {
            chosen = lighter;
        } else if (lighter == null) {
            chosen = darker;
        } else {
            chosen = Math.abs(hsl.l() - darker) <= Math.abs(lighter - hsl.l()) ? darker : lighter;
        }
        return Optional.of(hsl.withLightness(chosen));
    }

    static boolean darkPasses(Rgb candidate, double fixedLuminance, double required) {
        double luminance = candidate.luminance();
        return luminance <= fixedLuminance && Wcag.contrast(luminance, fixedLuminance) >= required;
    }

    static boolean lightPasses(Rgb candidate, double fixedLuminance, double required) {
        double luminance = candidate.luminance();
        return luminance >= fixedLuminance && Wcag.contrast(luminance, fixedLuminance) >= required;
    }

    /**
     * The passing lightness closest to {@code from}, searching from the extreme {@code end} (0 or 1) where passing is
     * likeliest; the predicate is monotone there because luminance is monotone in lightness.
     */
    private static Double boundary(double end, double from, DoublePredicate passes) {
        if (!passes.test(end)) {
            return null;
        }
        double good = end, bad = from;
        if (passes.test(from)) {
            return from;
        }
        for (int i = 0; i < ITERATIONS; i++) {
            double mid = (good + bad) / 2;
            if (passes.test(mid)) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        return good;
    }
}
