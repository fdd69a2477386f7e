package io.cxone.themes.accessibility;

/**
 * A pair's contrast ratio as seen with each colour vision deficiency ({@link VisionDeficiency}: Machado, Oliveira &amp;
 * Fernandes 2009 at severity 1.0). Both colours are simulated as the preview's {@code ?vision=} page draws them (8-bit
 * sRGB) and compared with the WCAG formula. Achromatopsia sees luminance only, and the WCAG ratio is a ratio of
 * luminances: it is the typical ratio itself (taking it from rounded greys would only add rounding).
 */
public record VisionRatios(double protanopia, double deuteranopia, double tritanopia, double achromatopsia) {

    public static VisionRatios of(Rgb foreground, Rgb background) {
        return new VisionRatios(seen(VisionDeficiency.PROTANOPIA, foreground, background),
                seen(VisionDeficiency.DEUTERANOPIA, foreground, background),
                seen(VisionDeficiency.TRITANOPIA, foreground, background),
                Wcag.contrast(foreground, background));
    }

    /** The ratio with {@code kind}. */
    public double of(VisionDeficiency kind) {
        return switch (kind) {
            case PROTANOPIA -> protanopia;
            case DEUTERANOPIA -> deuteranopia;
            case TRITANOPIA -> tritanopia;
            case ACHROMATOPSIA -> achromatopsia;
        };
    }

    private static double seen(VisionDeficiency kind, Rgb foreground, Rgb background) {
        return Wcag.contrast(kind.simulate(foreground), kind.simulate(background));
    }
}
