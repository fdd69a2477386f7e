package io.cxone.themes.accessibility;

import java.util.Locale;
import java.util.Optional;

/**
 * How a colour looks with a complete colour vision deficiency (SPEC section 1, "Beyond text pairs").
 *
 * <p>Protanopia, deuteranopia and tritanopia use the matrices of Machado, Oliveira &amp; Fernandes, "A
 * Physiologically-based Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6), 2009, at severity 1.0.
 * The paper's matrices act on linear RGB, so the colour is decoded from sRGB first, multiplied, clamped to the gamut
 * and encoded again; applying them to the 8-bit sRGB values directly (as many web snippets do) darkens mid tones.
 * Achromatopsia keeps only the luminance (Y of linear RGB, the same weights as {@link Rgb#luminance()}), so a
 * contrast ratio is unchanged by it. Chromium's DevTools emulation (Blink's {@code vision_deficiency.cc}) applies the
 * same three matrices, rounded to three decimals, in linear RGB, which is why the preview can be checked against it.
 */
public enum VisionDeficiency {
    PROTANOPIA(new double[][] {
            { 0.152286, 1.052583, -0.204868 },
            { 0.114503, 0.786281, 0.099216 },
            { -0.003882, -0.048116, 1.051998 } }),
    DEUTERANOPIA(new double[][] {
            { 0.367322, 0.860646, -0.227968 },
            { 0.280085, 0.672501, 0.047413 },
            { -0.011820, 0.042940, 0.968881 } }),
    TRITANOPIA(new double[][] {
            { 1.255528, -0.076749, -0.178779 },
            { -0.078411, 0.930809, 0.147602 },
            { 0.004733, 0.691367, 0.303900 } }),
    ACHROMATOPSIA(new double[][] {
            { 0.2126, 0.7152, 0.0722 },
            { 0.2126, 0.7152, 0.0722 },
            { 0.2126, 0.7152, 0.0722 } });

    /** sRGB decoded once per channel value: every simulation of every colour needs it three times. */
    private static final double[] LINEAR = new double[256];

    static {
        for (int i = 0; i < 256; i++) {
            double c = i / 255.0;
            LINEAR[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
    }

    private final double[][] matrix;

    VisionDeficiency(double[][] matrix) {
        this.matrix = matrix;
    }

    /** The colour as seen with this deficiency, rounded to 8-bit sRGB. Greys are unchanged. */
    public Rgb simulate(Rgb colour) {
        double r = LINEAR[colour.r()], g = LINEAR[colour.g()], b = LINEAR[colour.b()];
        return new Rgb(encode(matrix[0], r, g, b), encode(matrix[1], r, g, b), encode(matrix[2], r, g, b));
    }

    /** The value used on the wire ({@code ?vision=protanopia}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a wire name, exactly as {@link #wireName()} writes it; empty for anything else. */
    public static Optional<VisionDeficiency> fromWire(String value) {
        for (VisionDeficiency kind : values()) {
            if (kind.wireName().equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static int encode(double[] row, double r, double g, double b) {
        // The red-green matrices send saturated colours slightly outside [0, 1]: clamp to the displayable gamut.
        double linear = Math.min(1.0, Math.max(0.0, row[0] * r + row[1] * g + row[2] * b));
        double srgb = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
        return (int) Math.round(srgb * 255.0);
    }
}
