package io.cxone.themes.accessibility;

/** HSL with hue in degrees and saturation and lightness in 0..1: lightness moves a colour while its hue stays. */
public record Hsl(double h, double s, double l) {

    public static Hsl of(Rgb rgb) {
        double r = rgb.r() / 255.0, g = rgb.g() / 255.0, b = rgb.b() / 255.0;
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double l = (max + min) / 2;
        if (max == min) {
            return new Hsl(0, 0, l);
        }
        double d = max - min;
        double s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
        double h;
        if (max == r) {
            h = (g - b) / d + (g < b ? 6 : 0);
        } else if (max == g) {
            h = (b - r) / d + 2;
        } else {
            h = (r - g) / d + 4;
        }
        return new Hsl(h * 60, s, l);
    }

    /** The same hue and saturation at another lightness; luminance never decreases as lightness grows. */
    public Rgb withLightness(double lightness) {
        double a = s * Math.min(lightness, 1 - lightness);
        return new Rgb(channel(0, lightness, a), channel(8, lightness, a), channel(4, lightness, a));
    }

    private int channel(int n, double lightness, double a) {
        double k = (n + h / 30) % 12;
        double value = lightness - a * Math.max(-1, Math.min(Math.min(k - 3, 9 - k), 1));
        return (int) Math.round(Math.max(0, Math.min(1, value)) * 255);
    }
}
