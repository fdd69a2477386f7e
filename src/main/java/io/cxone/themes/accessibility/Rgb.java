package io.cxone.themes.accessibility;

import java.util.Locale;

/** An sRGB colour with 8-bit channels. */
public record Rgb(int r, int g, int b) {

    public Rgb {
        if ((r | g | b) < 0 || r > 255 || g > 255 || b > 255) {
            throw new IllegalArgumentException("channels must be 0..255: " + r + "," + g + "," + b);
        }
    }

    /** Parses canonical {@code #RRGGBB} (any case). */
    public static Rgb parse(String hex) {
        if (hex == null || hex.length() != 7 || hex.charAt(0) != '#') {
            throw new IllegalArgumentException("not a #RRGGBB colour: " + hex);
        }
        int value = Integer.parseInt(hex.substring(1), 16);
        return new Rgb(value >> 16 & 0xFF, value >> 8 & 0xFF, value & 0xFF);
    }

    public String hex() {
        return String.format(Locale.ROOT, "#%02X%02X%02X", r, g, b);
    }

    /** WCAG 2.x relative luminance, unrounded. */
    public double luminance() {
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
