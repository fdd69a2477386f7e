package io.cxone.themes.accessibility;

/** WCAG 2.x contrast ratio; compared unrounded, so 4.499 fails 4.5. */
public final class Wcag {
    private Wcag() {
    }

    public static double contrast(Rgb a, Rgb b) {
        return contrast(a.luminance(), b.luminance());
    }

    static double contrast(double luminanceA, double luminanceB) {
        double lighter = Math.max(luminanceA, luminanceB);
        double darker = Math.min(luminanceA, luminanceB);
        return (lighter + 0.05) / (darker + 0.05);
    }
}
