package io.cxone.themes.preview;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cxone.themes.accessibility.Rgb;
import io.cxone.themes.accessibility.VisionDeficiency;
import io.cxone.themes.web.Params;

/**
 * A rendered preview page with every colour of its one style element replaced by the colour as seen with a vision
 * deficiency ({@code ?vision=}). Done on the server rather than with a CSS filter so that the page is the same in
 * every browser, in screenshots and for axe-core. Every colour the page draws is in that element (the theme's values,
 * already through {@link SafeValues}, and the page's own {@code #RRGGBB} colours; the remaining {@code rgba(0,0,0,a)}
 * shadows are black, which no deficiency changes), so the page's text and the report's listed values stay the theme's
 * real ones. Icons are images from other hosts and are not transformed.
 */
final class VisionStyles {
    private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}(?![0-9A-Za-z])");
    private static final String STYLE_OPEN = "<style nonce=\"";
    private static final String STYLE_CLOSE = "</style>";

    /** The values of {@code ?vision=} as a 400 message lists them. */
    static final String NAMES = "protanopia, deuteranopia, tritanopia or achromatopsia (or absent for typical vision)";

    private VisionStyles() {
    }

    /** The {@code vision} query parameter: null (typical vision) when absent or blank, else one of the four kinds. */
    static VisionDeficiency param(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Params.oneOf("vision", value, VisionDeficiency::fromWire, NAMES);
    }

    static String apply(String page, VisionDeficiency vision) {
        if (vision == null) {
            return page;
        }
        int start = page.indexOf(STYLE_OPEN);
        int end = start < 0 ? -1 : page.indexOf(STYLE_CLOSE, start);
        if (end < 0 || page.indexOf(STYLE_OPEN, end) >= 0) {
            // the templates have exactly one: anything else is a template change this class must follow
            throw new IllegalStateException("the preview page must have exactly one style element");
        }
        Matcher colours = HEX.matcher(page.substring(start, end));
        StringBuilder out = new StringBuilder(page.length()).append(page, 0, start);
        while (colours.find()) {
            Rgb seen = vision.simulate(Rgb.parse(colours.group().toUpperCase(Locale.ROOT)));
            // the simulated value is canonical #RRGGBB; it is still checked like any value that reaches the page
            colours.appendReplacement(out, SafeValues.color(seen.hex(), ThemeView.DEFAULT_TEXT));
        }
        colours.appendTail(out);
        return out.append(page, end, page.length()).toString();
    }
}
