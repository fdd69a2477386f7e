package io.cxone.themes.preview;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.Validator;

import io.cxone.themes.accessibility.Rgb;
import io.cxone.themes.accessibility.Wcag;
import io.cxone.themes.theme.Button;
import io.cxone.themes.theme.Font;

/** The last gate before a theme value reaches the page: anything but a known-safe value becomes a default. */
final class SafeValues {
    private static final Pattern COLOR = Pattern.compile("#[0-9A-F]{6}");
    /** Characters a family name may hold once its quotes are gone: nothing CSS or HTML could interpret. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} _-]+");
    private static final Set<String> GENERIC = Set.of("serif", "sans-serif", "monospace", "cursive", "fantasy",
            "system-ui", "ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded", "math", "emoji", "fangsong");

    private SafeValues() {
    }

    static String color(String value, String fallback) {
        return value != null && COLOR.matcher(value).matches() ? value : fallback;
    }

    static int range(Integer value, int min, int max, int step, int fallback) {
        return value != null && value >= min && value <= max && value % step == 0 ? value : fallback;
    }

    /** The family list, re-checked with the theme's own constraint, or the default stack when it fails. */
    static List<FamilyName> families(String family, Validator validator) {
        if (family == null || !validator.validateValue(Font.class, "family", family).isEmpty()) {
            return defaultFamilies();
        }
        List<FamilyName> names = new ArrayList<>();
        for (String part : family.split(",")) {
            String name = part.strip();
            boolean wasQuoted = name.length() >= 2 && (name.startsWith("\"") || name.startsWith("'"));
            if (wasQuoted) {
                name = name.substring(1, name.length() - 1);
            }
            if (!NAME.matcher(name).matches()) {
                return defaultFamilies(); // cannot happen after validation; refuse rather than trust
            }
            names.add(new FamilyName(name, wasQuoted || !GENERIC.contains(name.toLowerCase(Locale.ROOT))));
        }
        return List.copyOf(names);
    }

    static List<FamilyName> defaultFamilies() {
        return List.of(new FamilyName("system-ui", false), new FamilyName("sans-serif", false));
    }

    /** An icon URL only when it passes the theme's https constraint and really starts with {@code https://}. */
    static String iconUrl(String url, Validator validator) {
        if (url == null || !url.regionMatches(true, 0, "https://", 0, 8)
                || !validator.validateValue(Button.class, "iconUrl", url).isEmpty()) {
            return null;
        }
        return url;
    }

    /** Black or white, whichever contrasts more with {@code background} (at least 4.58:1 for any colour). */
    static String onColor(String background) {
        Rgb bg = Rgb.parse(background);
        return Wcag.contrast(Rgb.parse("#000000"), bg) >= Wcag.contrast(Rgb.parse("#FFFFFF"), bg) ? "#000000" : "#FFFFFF";
    }
}
