package io.cxone.themes.accessibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Seeds;
import io.cxone.themes.theme.Button;
import io.cxone.themes.theme.ButtonPosition;
import io.cxone.themes.theme.ContrastRules;
import io.cxone.themes.theme.Font;
import io.cxone.themes.theme.Header;
import io.cxone.themes.theme.Theme;

/**
 * Seeded randomized comparison of the engine with an independent, straightforward implementation of the WCAG formula
 * of SPEC section 1, and of every suggestion against its requirement. {@code -Dtest.seed=N} replays a run.
 */
class WcagRandomizedTest {
    private static final double[] THRESHOLDS = { 3.0, 4.5, 7.0 };
    private static final double STEP = 1e-6;

    // ---- the oracle: parse hex and apply the formula, sharing no code with the engine ----

    static int[] parseHex(String hex) {
        if (!hex.matches("#[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException(hex);
        }
        return new int[] { Integer.parseInt(hex.substring(1, 3), 16), Integer.parseInt(hex.substring(3, 5), 16),
                Integer.parseInt(hex.substring(5, 7), 16) };
    }

    static double channel(int v) {
        double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    static double oracleLuminance(String hex) {
        int[] c = parseHex(hex);
        return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
    }

    static double oracleRatio(String a, String b) {
        double la = oracleLuminance(a), lb = oracleLuminance(b);
        return la >= lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
    }

    /** Hue in degrees, computed the textbook way from 8-bit channels. */
    static double oracleHue(String hex) {
        int[] c = parseHex(hex);
        int max = Math.max(c[0], Math.max(c[1], c[2])), min = Math.min(c[0], Math.min(c[1], c[2]));
        double d = max - min;
        double h;
        if (max == c[0]) {
            h = 60 * (((c[1] - c[2]) / d) % 6);
        } else if (max == c[1]) {
            h = 60 * ((c[2] - c[0]) / d + 2);
        } else {
            h = 60 * ((c[0] - c[1]) / d + 4);
        }
        return h < 0 ? h + 360 : h;
    }

    static int chroma(String hex) {
        int[] c = parseHex(hex);
        return Math.max(c[0], Math.max(c[1], c[2])) - Math.min(c[0], Math.min(c[1], c[2]));
    }

    static String randomHex(Random random) {
        return String.format(Locale.ROOT, "#%06X", random.nextInt(1 << 24));
    }

    // ---- 1: ratios and decisions equal to the oracle ----

    @Test
    void engineAgreesWithTheOracleOnRandomPairs() {
        long seed = Seeds.seed();
        String tag = Seeds.tag(seed);
        Random random = Seeds.random(seed);
        int pairs = 25_000;
        int[] passing = new int[THRESHOLDS.length];
        for (int i = 0; i < pairs; i++) {
            String a = randomHex(random);
            // one in eight pairs is near-grey or identical, where ties and 1:1 hide
            String b = i % 8 == 0 ? a : randomHex(random);
            Rgb ra = Rgb.parse(a), rb = Rgb.parse(b);
            String at = tag + a + " vs " + b;
            assertEquals(a.toUpperCase(Locale.ROOT), ra.hex(), at + ": hex round trip");
            double expectedL = oracleLuminance(a);
            assertEquals(expectedL, ra.luminance(), 1e-12 * Math.max(expectedL, 1e-3), at + ": luminance");
            double expected = oracleRatio(a, b);
            double actual = Wcag.contrast(ra, rb);
            assertEquals(expected, actual, expected * 1e-12, at + ": ratio");
            assertTrue(actual >= 1.0 && actual <= 21.0 + 1e-12, at + ": ratio in [1, 21]: " + actual);
            for (int t = 0; t < THRESHOLDS.length; t++) {
                boolean expectedPass = expected >= THRESHOLDS[t];
                assertEquals(expectedPass, actual >= THRESHOLDS[t], at + ": decision at " + THRESHOLDS[t] + " for " + expected);
                passing[t] += expectedPass ? 1 : 0;
            }
        }
        // the sample must exercise both sides of every threshold, or the decision checks proved nothing
        for (int t = 0; t < THRESHOLDS.length; t++) {
            assertTrue(passing[t] > 100 && passing[t] < pairs - 100, tag + "both outcomes at " + THRESHOLDS[t] + ": " + passing[t]);
        }
    }

    @Test
    void reportedChecksAgreeWithTheOracle() {
        long seed = Seeds.seed();
        String tag = Seeds.tag(seed);
        Random random = Seeds.random(seed);
        for (int i = 0; i < 2_000; i++) {
            Theme theme = randomTheme(random);
            for (ContrastCheck check : ContrastRules.check(theme, Level.AA)) {
                String at = tag + check.pair() + " " + check.foreground() + "/" + check.background() + " " + check.criterion();
                double expected = oracleRatio(check.foreground(), check.background());
                assertEquals(expected, check.ratio(), expected * 1e-12, at);
                assertEquals(expected >= check.required(), check.passes(), at);
                assertEquals(!check.passes(), check.suggestion() != null, at + ": a suggestion exactly when failing");
            }
        }
    }

    // ---- 2: suggestions pass, touch only the adjustable side, keep hue, and are minimal ----

    @Test
    void suggestionsPassKeepHueAndAreMinimal() {
        long seed = Seeds.seed();
        String tag = Seeds.tag(seed);
        Random random = Seeds.random(seed);
        int checked = 0, hueChecked = 0, unreachable = 0;
        while (checked < 4_000) {
            String fg = randomHex(random), bg = randomHex(random);
            double required = THRESHOLDS[random.nextInt(THRESHOLDS.length)];
            if (oracleRatio(fg, bg) >= required) {
                continue;
            }
            checked++;
            String at = tag + fg + " on " + bg + " needs " + required;
            Optional<Rgb> suggested = ColorSuggester.nearestPassing(Rgb.parse(fg), Rgb.parse(bg), required);
            boolean blackReaches = oracleRatio("#000000", bg) >= required;
            boolean whiteReaches = oracleRatio("#FFFFFF", bg) >= required;
            if (suggested.isEmpty()) {
                unreachable++;
                assertEquals(7.0, required, at + ": only 7:1 can be unreachable");
                assertFalse(blackReaches || whiteReaches, at + ": black or white would have passed");
                continue;
            }
            String hex = suggested.get().hex();
            at += " -> " + hex;
            assertTrue(oracleRatio(hex, bg) >= required, at + ": suggestion fails, " + oracleRatio(hex, bg));

            // keeps hue where 8-bit rounding allows a statement: rounding moves each channel by <= 0.5
            Hsl original = Hsl.of(Rgb.parse(fg));
            int chroma = chroma(hex);
            if (chroma(fg) >= 30 && chroma >= 30) {
                double tolerance = 120.0 / chroma + 0.01;
                double difference = Math.abs(oracleHue(hex) - oracleHue(fg));
                difference = Math.min(difference, 360 - difference);
                assertTrue(difference <= tolerance, at + ": hue moved " + difference + " > " + tolerance);
                hueChecked++;
            }

            // minimal: an independent bisection finds the nearest passing lightness on each side
            Double darker = boundary(original, bg, required, 0);
            Double lighter = boundary(original, bg, required, 1);
            assertTrue(darker != null || lighter != null, at + ": the engine found a colour the oracle cannot");
            double l = original.l();
            double chosen = darker == null ? lighter
                    : lighter == null ? darker : Math.abs(l - darker) <= Math.abs(lighter - l) ? darker : lighter;
            assertEquals(original.withLightness(chosen).hex(), hex, at + ": not the nearest passing lightness " + chosen);
            double back = chosen + Math.signum(l - chosen) * STEP;
            String stepBack = original.withLightness(back).hex();
            assertTrue(oracleRatio(stepBack, bg) < required,
                    at + ": one step (" + STEP + ") back towards the original, " + stepBack + ", still passes");
        }
        assertTrue(hueChecked > 500, tag + "too few coloured suggestions to say anything about hue: " + hueChecked);
        assertTrue(unreachable < checked, tag + "all unreachable");
    }

    /**
     * The passing lightness nearest {@code original.l()} between it and {@code end}, on the side of the fixed colour
     * that {@code end} is on, or null; the oracle computes every ratio.
     */
    static Double boundary(Hsl original, String bg, double required, double end) {
        double bgL = oracleLuminance(bg);
        java.util.function.DoublePredicate passes = lightness -> {
            String hex = original.withLightness(lightness).hex();
            double lum = oracleLuminance(hex);
            boolean side = end == 0 ? lum <= bgL : lum >= bgL;
            return side && oracleRatio(hex, bg) >= required;
        };
        if (!passes.test(end)) {
            return null;
        }
        double good = end, bad = original.l();
        for (int i = 0; i < 80; i++) {
            double mid = (good + bad) / 2;
            if (passes.test(mid)) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        return good;
    }

    @Test
    void suggestionsInReportsChangeOnlyTheAdjustableSideAndFixThePair() {
        long seed = Seeds.seed();
        String tag = Seeds.tag(seed);
        Random random = Seeds.random(seed);
        int failing = 0;
        for (int i = 0; i < 1_500; i++) {
            Theme theme = randomTheme(random);
            Level level = random.nextBoolean() ? Level.AA : Level.AAA;
            for (ContrastCheck check : ContrastRules.check(theme, level)) {
                if (check.passes()) {
                    continue;
                }
                failing++;
                Suggestion suggestion = check.suggestion();
                String at = tag + check + " in " + theme;
                assertNotNull(suggestion, at);
                String[] sides = check.pair().split("/");
                assertEquals(sides[0], suggestion.path(), at + ": the suggestion must change the adjustable (foreground) side");
                assertNotEquals(sides[1], suggestion.path(), at);
                double ratio = oracleRatio(suggestion.color(), check.background());
                assertEquals(ratio, suggestion.ratio(), ratio * 1e-12, at + ": reported ratio of the suggestion");
                if (suggestion.passes()) {
                    assertTrue(ratio >= check.required(), at + ": suggestion does not reach " + check.required());
                    // applying it fixes the pair in a re-check of the whole theme
                    Theme fixed = apply(theme, suggestion.path(), suggestion.color());
                    ContrastCheck again = ContrastRules.check(fixed, level).stream()
                            .filter(c -> c.pair().equals(check.pair()) && c.criterion().equals(check.criterion()))
                            .findFirst().orElseThrow();
                    assertTrue(again.passes(), at + ": still failing after applying the suggestion: " + again);
                    assertEquals(check.background(), again.background(), at + ": the fixed side moved");
                } else {
                    assertEquals(7.0, check.required(), at + ": only 7:1 can be unreachable");
                    assertTrue(oracleRatio("#000000", check.background()) < check.required()
                            && oracleRatio("#FFFFFF", check.background()) < check.required(),
                            at + ": black or white would have passed");
                }
            }
        }
        assertTrue(failing > 1_000, tag + "too few failing pairs: " + failing);
    }

    // ---- random themes ----

    static Theme randomTheme(Random random) {
        int size = 12 + random.nextInt(13);
        int weight = 100 * (1 + random.nextInt(9));
        int count = 1 + random.nextInt(3);
        List<Button> buttons = new java.util.ArrayList<>();
        for (int b = 0; b < count; b++) {
            buttons.add(new Button("B" + b, randomHex(random), randomHex(random), ButtonPosition.values()[random.nextInt(3)], null));
        }
        Header header = random.nextBoolean() ? new Header(randomHex(random), randomHex(random)) : null;
        return new Theme("Random theme", randomHex(random), randomHex(random), new Font("Inter", size, weight, randomHex(random)),
                buttons, 8, 360, header);
    }

    static Theme apply(Theme theme, String path, String color) {
        Font font = theme.font();
        Header header = theme.header();
        List<Button> buttons = new java.util.ArrayList<>(theme.buttons());
        String primary = theme.primaryColor();
        if (path.equals("font.color")) {
            font = new Font(font.family(), font.sizePx(), font.weight(), color);
        } else if (path.equals("header.textColor")) {
            header = new Header(header.backgroundColor(), color);
        } else if (path.equals("primaryColor")) {
            primary = color;
        } else if (path.matches("buttons\\[\\d]\\.(textColor|color)")) {
            int index = path.charAt(8) - '0';
            Button b = buttons.get(index);
            buttons.set(index, path.endsWith("textColor")
                    ? new Button(b.label(), b.color(), color, b.position(), b.iconUrl())
                    : new Button(b.label(), color, b.textColor(), b.position(), b.iconUrl()));
        } else {
            throw new AssertionError("unexpected suggestion path " + path);
        }
        return new Theme(theme.name(), theme.backgroundColor(), primary, font, buttons, theme.borderRadiusPx(),
                theme.maxWidthPx(), header);
    }
}
