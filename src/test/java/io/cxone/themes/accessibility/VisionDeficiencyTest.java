package io.cxone.themes.accessibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Seeds;

/**
 * The colour-vision simulation against its own independent oracle (the paper's matrices, typed again here, with sRGB
 * decoded and encoded by formula rather than table), named examples, Chromium's three-decimal matrices, and seeded
 * properties. {@code -Dtest.seed=N} replays a run.
 */
class VisionDeficiencyTest {

    // ---- the oracle: Machado, Oliveira & Fernandes 2009, table of severity 1.0, sharing no code with the engine ----

    private static final Map<VisionDeficiency, double[]> PAPER = Map.of(
            VisionDeficiency.PROTANOPIA, new double[] { 0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216,
                    -0.003882, -0.048116, 1.051998 },
            VisionDeficiency.DEUTERANOPIA, new double[] { 0.367322, 0.860646, -0.227968, 0.280085, 0.672501,
                    0.047413, -0.011820, 0.042940, 0.968881 },
            VisionDeficiency.TRITANOPIA, new double[] { 1.255528, -0.076749, -0.178779, -0.078411, 0.930809,
                    0.147602, 0.004733, 0.691367, 0.303900 },
            VisionDeficiency.ACHROMATOPSIA, new double[] { 0.2126, 0.7152, 0.0722, 0.2126, 0.7152, 0.0722, 0.2126,
                    0.7152, 0.0722 });

    /** Blink's vision_deficiency.cc: the same matrices rounded to three decimals (achromatopsia 0.213/0.715/0.072). */
    private static final Map<VisionDeficiency, double[]> CHROMIUM = Map.of(
            VisionDeficiency.PROTANOPIA, new double[] { 0.152, 1.053, -0.205, 0.115, 0.786, 0.099, -0.004, -0.048,
                    1.052 },
            VisionDeficiency.DEUTERANOPIA, new double[] { 0.367, 0.861, -0.228, 0.280, 0.673, 0.047, -0.012, 0.043,
                    0.969 },
            VisionDeficiency.TRITANOPIA, new double[] { 1.256, -0.077, -0.179, -0.078, 0.931, 0.148, 0.005, 0.691,
                    0.304 },
            VisionDeficiency.ACHROMATOPSIA, new double[] { 0.213, 0.715, 0.072, 0.213, 0.715, 0.072, 0.213, 0.715,
                    0.072 });

    static double toLinear(int v) {
        double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    static int toSrgb(double linear) {
        double v = linear < 0 ? 0 : linear > 1 ? 1 : linear;
        double s = v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
        return (int) Math.floor(s * 255 + 0.5);
    }

    static int[] oracle(double[] m, int r, int g, int b) {
        double lr = toLinear(r), lg = toLinear(g), lb = toLinear(b);
        int[] out = new int[3];
        for (int row = 0; row < 3; row++) {
            out[row] = toSrgb(m[row * 3] * lr + m[row * 3 + 1] * lg + m[row * 3 + 2] * lb);
        }
        return out;
    }

    private static void assertSim(VisionDeficiency kind, String in, String expected) {
        assertEquals(expected, kind.simulate(Rgb.parse(in)).hex(), kind + " of " + in);
    }

    @Test
    void namedExamples() {
        // Pure primaries and two brand colours, worked out from the paper's table (linear RGB, severity 1.0).
        assertSim(VisionDeficiency.PROTANOPIA, "#FF0000", "#6D5F00");
        assertSim(VisionDeficiency.DEUTERANOPIA, "#FF0000", "#A39000");
        assertSim(VisionDeficiency.TRITANOPIA, "#FF0000", "#FF000F");
        assertSim(VisionDeficiency.ACHROMATOPSIA, "#FF0000", "#7F7F7F");
        assertSim(VisionDeficiency.PROTANOPIA, "#00FF00", "#FFE500");
        assertSim(VisionDeficiency.DEUTERANOPIA, "#00FF00", "#EFD63A");
        assertSim(VisionDeficiency.TRITANOPIA, "#00FF00", "#00F7D9");
        assertSim(VisionDeficiency.ACHROMATOPSIA, "#00FF00", "#DCDCDC");
        assertSim(VisionDeficiency.PROTANOPIA, "#0000FF", "#0059FF");
        assertSim(VisionDeficiency.DEUTERANOPIA, "#0000FF", "#003DFB");
        assertSim(VisionDeficiency.TRITANOPIA, "#0000FF", "#006B96");
        assertSim(VisionDeficiency.ACHROMATOPSIA, "#0000FF", "#4C4C4C");
        assertSim(VisionDeficiency.PROTANOPIA, "#0066CC", "#2271D0");
        assertSim(VisionDeficiency.DEUTERANOPIA, "#0066CC", "#0060CA");
        assertSim(VisionDeficiency.TRITANOPIA, "#0066CC", "#007F8F");
        assertSim(VisionDeficiency.ACHROMATOPSIA, "#0066CC", "#686868");
        // A red and a green that differ for typical vision and look alike (olive) to a protanope.
        assertSim(VisionDeficiency.PROTANOPIA, "#E4002B", "#5F5529");
        assertSim(VisionDeficiency.PROTANOPIA, "#2E7D32", "#7F722A");
    }

    @Test
    void everyGreyIsUnchangedByEveryKind() {
        // Each matrix row sums to 1 (within 1e-6), so black, white and every grey between map to themselves.
        for (VisionDeficiency kind : VisionDeficiency.values()) {
            for (int v = 0; v < 256; v++) {
                Rgb grey = new Rgb(v, v, v);
                assertEquals(grey, kind.simulate(grey), kind + " of grey " + v);
            }
        }
    }

    @Test
    void randomColoursMatchTheOracleAndChromiumAndStayInGamut() {
        long seed = Seeds.seedOr(2009L);
        String tag = Seeds.tag(seed);
        Random random = Seeds.random(seed);
        for (int i = 0; i < 20_000; i++) {
            int r = random.nextInt(256), g = random.nextInt(256), b = random.nextInt(256);
            for (VisionDeficiency kind : VisionDeficiency.values()) {
                Rgb seen = kind.simulate(new Rgb(r, g, b));
                int[] expected = oracle(PAPER.get(kind), r, g, b);
                String what = tag + kind + " of " + new Rgb(r, g, b).hex();
                assertEquals(new Rgb(expected[0], expected[1], expected[2]), seen, what);
                // Chromium's rounding of the matrices moves a channel by at most 2/255 (dark colours amplify it):
                // this bounds how far the preview can be from DevTools' emulation before any rendering effect.
                int[] chromium = oracle(CHROMIUM.get(kind), r, g, b);
                assertTrue(Math.abs(chromium[0] - seen.r()) <= 2 && Math.abs(chromium[1] - seen.g()) <= 2
                        && Math.abs(chromium[2] - seen.b()) <= 2, what + " vs Chromium " + Arrays.toString(chromium));
            }
        }
    }

    @Test
    void achromatopsiaIsGreyWithTheSameLuminance() {
        long seed = Seeds.seedOr(1923L);
        String tag = Seeds.tag(seed);
        Random random = Seeds.random(seed);
        for (int i = 0; i < 20_000; i++) {
            Rgb colour = new Rgb(random.nextInt(256), random.nextInt(256), random.nextInt(256));
            Rgb seen = VisionDeficiency.ACHROMATOPSIA.simulate(colour);
            assertTrue(seen.r() == seen.g() && seen.g() == seen.b(), tag + colour.hex() + " -> " + seen.hex());
            // Rounding to 8 bits moves the luminance by at most half a step of the grey ramp.
            double step = toLinear(Math.min(255, seen.r() + 1)) - toLinear(Math.max(0, seen.r() - 1));
            assertTrue(Math.abs(seen.luminance() - colour.luminance()) <= step / 2 + 1e-12,
                    tag + colour.hex() + " -> " + seen.hex());
            assertEquals(seen, VisionDeficiency.ACHROMATOPSIA.simulate(seen), tag + "idempotent " + seen.hex());
        }
    }

    @Test
    void wireNamesRoundTripAndNothingElseReads() {
        for (VisionDeficiency kind : VisionDeficiency.values()) {
            assertEquals(Optional.of(kind), VisionDeficiency.fromWire(kind.wireName()));
        }
        assertEquals("protanopia", VisionDeficiency.PROTANOPIA.wireName());
        for (String other : new String[] { null, "", "Protanopia", "PROTANOPIA", "protan", " protanopia",
                "blurredVision", "none" }) {
            assertEquals(Optional.empty(), VisionDeficiency.fromWire(other), String.valueOf(other));
        }
    }
}
