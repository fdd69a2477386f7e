package io.cxone.themes.livechannel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.accessibility.ColorSuggester;
import io.cxone.themes.accessibility.Rgb;
import io.cxone.themes.accessibility.Wcag;
import io.cxone.themes.text.Text;

/**
 * Turns a CXone channel appearance ({@code colors{buttonColor, headerBgColor, headerFontColor, themeColor, textColor,
 * widgetBgColor, widgetFontColor}, widget{appearance, position}, customCss}) into a theme in our camelCase model, with a
 * note for every value that did not come straight from CXone. Pure: no I/O, no clock. The table is in
 * {@code docs/import.md}.
 *
 * <p>The result is always a complete theme ({@code ThemeJsonReader} reads it without structural errors and every
 * field is within its range); its colours are exactly CXone's (normalised to {@code #RRGGBB}), so an inaccessible live
 * appearance gives a theme whose contrast report fails: the import audits it rather than hiding it.
 */
public final class ChannelMapping {
    /** Defaults for what CXone does not expose or did not send; each use is noted. */
    public static final String DEFAULT_BACKGROUND = "#FFFFFF";
    public static final String DEFAULT_PRIMARY = "#1F3A93";
    public static final String DEFAULT_TEXT = "#1A1A1A";
    public static final String DEFAULT_HEADER_TEXT = "#FFFFFF";
    public static final String DEFAULT_FONT_FAMILY = "Arial, sans-serif";
    public static final int DEFAULT_FONT_SIZE_PX = 14;
    public static final int DEFAULT_FONT_WEIGHT = 400;
    public static final int DEFAULT_BORDER_RADIUS_PX = 8;
    public static final int DEFAULT_MAX_WIDTH_PX = 360;
    public static final String DEFAULT_POSITION = "right";
    public static final String BUTTON_LABEL = "Start Chat";
    static final int MAX_NAME = 100;
    /** The 1.4.3 threshold for normal text, used to decide whether headerFontColor can label the button. */
    static final double TEXT_CONTRAST = 4.5;

    private static final Set<String> COLOR_FIELDS = Set.of("buttonColor", "headerBgColor", "headerFontColor",
            "themeColor", "textColor", "widgetBgColor", "widgetFontColor");
    private static final Set<String> TOP_FIELDS = Set.of("colors", "widget", "customCss", "popups");
    /** The proactive popups read from one answer; more are noted, not checked (bounded work per answer). */
    static final int MAX_POPUPS = 10;
    /** SC 1.4.3 for text of unknown size: the normal-text threshold (CXone does not expose the popup's font). */
    static final double POPUP_TEXT_CONTRAST = 4.5;
    private static final Set<String> WIDGET_FIELDS = Set.of("appearance", "position");
    private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    private static final Pattern HEX_ALPHA = Pattern.compile("#([0-9a-fA-F]{6})([0-9a-fA-F]{2})|#([0-9a-fA-F]{3})([0-9a-fA-F])");
    private static final Pattern RGB = Pattern.compile(
            "rgba?\\(\\s*(\\d{1,3})\\s*[,\\s]\\s*(\\d{1,3})\\s*[,\\s]\\s*(\\d{1,3})\\s*(?:[,/]\\s*([0-9.]+%?)\\s*)?\\)",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_SHOWN = 40;

    /** Why a value is what it is: {@code path} is the theme field (or the CXone field, for what was not imported). */
    public record Note(String path, String code, String message) {
        /** No CXone source: our default. */
        public static final String DEFAULT = "default";
        /** CXone did not send the colour: a fallback was used. */
        public static final String MISSING = "missing";
        /** CXone sent something that is not a colour: a fallback was used. */
        public static final String MALFORMED = "malformed";
        /** Derived from another CXone value (e.g. the button label colour). */
        public static final String DERIVED = "derived";
        /** A CXone value our model has no place for. */
        public static final String NOT_IMPORTED = "not_imported";
        /** A proactive popup's text colour under its SC 1.4.3 requirement on the popup's background. */
        public static final String CONTRAST = "contrast";
    }

    /**
     * One text colour of a proactive popup ({@code popups[i].headlineColor} or {@code popups[i].secondLineColor} of
     * CXone's answer, as in its chat SDK's {@code BrandInfoPopup}), to be checked against the popup's background:
     * the widget background ({@code backgroundColor}), since a popup without a background image has no colour of its
     * own in CXone's answer.
     */
    public record PopupText(String path, String color) {
    }

    /** The theme (camelCase, model field order), the notes (in theme field order) and the popups' text colours. */
    public record Result(ObjectNode theme, List<Note> notes, List<PopupText> popupTexts) {
        public Result {
            notes = List.copyOf(notes);
            popupTexts = List.copyOf(popupTexts);
        }

        public Result(ObjectNode theme, List<Note> notes) {
            this(theme, notes, List.of());
        }
    }

    private ChannelMapping() {
    }

    public static Result map(ChannelRequest request, JsonNode channel) {
        List<Note> notes = new ArrayList<>();
        JsonNode root = channel == null || !channel.isObject() ? JsonNodeFactory.instance.objectNode() : channel;
        if (channel == null || !channel.isObject()) {
            notes.add(new Note("$", Note.MALFORMED, "the channel answer is not a JSON object: every value is a default"));
        }
        JsonNode colorsNode = root.path("colors");
        if (!colorsNode.isMissingNode() && !colorsNode.isNull() && !colorsNode.isObject()) {
            notes.add(new Note("colors", Note.MALFORMED, "colors is not an object: every colour is a default"));
        }
        Colors colors = new Colors(colorsNode.isObject() ? colorsNode : JsonNodeFactory.instance.objectNode());

        ObjectNode theme = JsonNodeFactory.instance.objectNode();
        theme.put("name", name(request, notes));

        theme.put("backgroundColor", colors.pick("backgroundColor", notes, DEFAULT_BACKGROUND, "widgetBgColor"));
        String primary = colors.pick("primaryColor", notes, DEFAULT_PRIMARY, "themeColor", "buttonColor");
        theme.put("primaryColor", primary);

        ObjectNode font = theme.putObject("font");
        font.put("family", DEFAULT_FONT_FAMILY);
        notes.add(new Note("font.family", Note.DEFAULT, "CXone does not expose the chat window's font: set to "
                + DEFAULT_FONT_FAMILY));
        font.put("sizePx", DEFAULT_FONT_SIZE_PX);
        notes.add(new Note("font.sizePx", Note.DEFAULT, "CXone does not expose the text size: set to "
                + DEFAULT_FONT_SIZE_PX + " px"));
        font.put("weight", DEFAULT_FONT_WEIGHT);
        notes.add(new Note("font.weight", Note.DEFAULT, "CXone does not expose the font weight: set to "
                + DEFAULT_FONT_WEIGHT));
        font.put("color", colors.pick("font.color", notes, DEFAULT_TEXT, "widgetFontColor", "textColor"));

        ArrayNode buttons = theme.putArray("buttons");
        ObjectNode button = buttons.addObject();
        button.put("label", BUTTON_LABEL);
        notes.add(new Note("buttons[0].label", Note.DEFAULT, "CXone does not expose the launcher's label: set to '"
                + BUTTON_LABEL + "'"));
        String fill = colors.pick("buttons[0].color", notes, DEFAULT_PRIMARY, "buttonColor", "themeColor");
        button.put("color", fill);
        button.put("textColor", buttonText(colors, fill, notes));
        button.put("position", position(root.path("widget"), notes));

        theme.put("borderRadiusPx", DEFAULT_BORDER_RADIUS_PX);
        notes.add(new Note("borderRadiusPx", Note.DEFAULT, "CXone does not expose the corner radius: set to "
                + DEFAULT_BORDER_RADIUS_PX + " px"));
        theme.put("maxWidthPx", DEFAULT_MAX_WIDTH_PX);
        notes.add(new Note("maxWidthPx", Note.DEFAULT, "CXone does not expose the window width: set to "
                + DEFAULT_MAX_WIDTH_PX + " px"));

        ObjectNode header = theme.putObject("header");
        header.put("backgroundColor", colors.pick("header.backgroundColor", notes, DEFAULT_PRIMARY, "headerBgColor", "themeColor"));
        header.put("textColor", colors.pick("header.textColor", notes, DEFAULT_HEADER_TEXT, "headerFontColor"));

        notImported(root, colors, notes);
        List<PopupText> popupTexts = popups(root.path("popups"), theme.path("backgroundColor").textValue(), notes);
        return new Result(theme, notes, popupTexts);
    }

    /** "Imported {brandId}/{channelId}", cut to the 100 characters a name may have. */
    private static String name(ChannelRequest request, List<Note> notes) {
        String name = "Imported " + request.brandId() + "/" + request.channelId();
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME - 1) + "…";
            notes.add(new Note("name", Note.DEFAULT, "brand and channel ids are too long for a name: shortened to 100 characters"));
        }
        return name;
    }

    /**
     * CXone has no colour for the launcher's label. CXone's text-on-brand-colour is headerFontColor: used when it is
     * readable on the button (at least 4.5:1); otherwise white or black, whichever contrasts more with the fill (one of
     * them always reaches 4.5:1).
     */
    private static String buttonText(Colors colors, String fill, List<Note> notes) {
        Rgb background = Rgb.parse(fill);
        String headerText = colors.parsed("headerFontColor");
        if (headerText != null) {
            double ratio = Wcag.contrast(Rgb.parse(headerText), background);
            if (ratio >= TEXT_CONTRAST) {
                notes.add(new Note("buttons[0].textColor", Note.DERIVED, "CXone does not expose the launcher's text "
                        + "colour: used headerFontColor " + headerText + String.format(Locale.ROOT, " (%.2f:1 on the button)", ratio)));
                return headerText;
            }
        }
        double white = Wcag.contrast(Rgb.parse("#FFFFFF"), background);
        double black = Wcag.contrast(Rgb.parse("#000000"), background);
        String chosen = white >= black ? "#FFFFFF" : "#000000";
        String why = headerText == null ? "headerFontColor is unusable"
                : String.format(Locale.ROOT, "headerFontColor %s is only %.2f:1 on the button", headerText,
                        Wcag.contrast(Rgb.parse(headerText), background));
        notes.add(new Note("buttons[0].textColor", Note.DERIVED, "CXone does not expose the launcher's text colour and "
                + why + String.format(Locale.ROOT, ": used %s (%.2f:1 on the button)", chosen, Math.max(white, black))));
        return chosen;
    }

    /** widget.position left/right; anything else → right. */
    private static String position(JsonNode widget, List<Note> notes) {
        JsonNode position = widget.path("position");
        String value = position.isTextual() ? position.textValue().strip().toLowerCase(Locale.ROOT) : null;
        String chosen;
        if ("left".equals(value) || "right".equals(value)) {
            chosen = value;
        } else {
            chosen = DEFAULT_POSITION;
            notes.add(new Note("buttons[0].position", value == null && (position.isMissingNode() || position.isNull())
                    ? Note.MISSING : Note.MALFORMED, "widget.position "
                    + (position.isMissingNode() || position.isNull() ? "is missing" : show(position) + " is not left or right")
                    + ": set to " + DEFAULT_POSITION));
        }
        return chosen;
    }

    /**
     * The proactive popups' text colours ({@code headlineColor}, {@code secondLineColor}; null in CXone's answer means
     * its default, and is not checked). A popup over a background image is noted and not checked: a ratio against an
     * image needs the image. A failing colour gets a note with the nearest passing colour to set in CXone.
     */
    private static List<PopupText> popups(JsonNode popups, String background, List<Note> notes) {
        List<PopupText> texts = new ArrayList<>();
        if (popups.isMissingNode() || popups.isNull()) {
            return texts;
        }
        if (!popups.isArray()) {
            notes.add(new Note("popups", Note.MALFORMED, "popups is not a list: no popup colour was checked"));
            return texts;
        }
        if (popups.size() > MAX_POPUPS) {
            notes.add(new Note("popups", Note.NOT_IMPORTED, popups.size() + " popups: the first " + MAX_POPUPS
                    + " were checked"));
        }
        for (int i = 0; i < Math.min(popups.size(), MAX_POPUPS); i++) {
            JsonNode popup = popups.get(i);
            String at = "popups[" + i + "]";
            if (!popup.isObject()) {
                notes.add(new Note(at, Note.MALFORMED, "the popup is not an object: not checked"));
                continue;
            }
            JsonNode image = popup.path("backgroundImage");
            if (image.isTextual() && !image.textValue().isBlank()) {
                notes.add(new Note(at, Note.NOT_IMPORTED, "the popup's text is drawn over a background image: its "
                        + "colours cannot be checked without the image; check them in CXone by eye"));
                continue;
            }
            for (String field : List.of("headlineColor", "secondLineColor")) {
                JsonNode value = popup.get(field);
                if (value == null || value.isNull()) {
                    continue;
                }
                String color = normalize(value);
                if (color == null) {
                    notes.add(new Note(at + "." + field, Note.MALFORMED, show(value) + " is not a colour: not checked"));
                    continue;
                }
                texts.add(new PopupText(at + "." + field, color));
                popupContrast(at + "." + field, color, background, notes);
            }
        }
        return texts;
    }

    private static void popupContrast(String path, String color, String background, List<Note> notes) {
        Rgb fg = Rgb.parse(color), bg = Rgb.parse(background);
        double ratio = Wcag.contrast(fg, bg);
        if (ratio >= POPUP_TEXT_CONTRAST) {
            return;
        }
        String fix = ColorSuggester.nearestPassing(fg, bg, POPUP_TEXT_CONTRAST)
                .map(rgb -> String.format(Locale.ROOT, "set it to %s in CXone (%.2f:1)", rgb.hex(), Wcag.contrast(rgb, bg)))
                .orElse("no colour of its hue passes: change it in CXone");
        notes.add(new Note(path, Note.CONTRAST, String.format(Locale.ROOT, "%s is %.2f:1 on the popup background %s; "
                + "SC 1.4.3 needs %.1f:1: %s", color, ratio, background, POPUP_TEXT_CONTRAST, fix)));
    }

    /** widget.appearance (bar/bubble) and customCss have no place in our model; nor have unknown fields. */
    private static void notImported(JsonNode root, Colors colors, List<Note> notes) {
        JsonNode appearance = root.path("widget").path("appearance");
        if (!appearance.isMissingNode() && !appearance.isNull()) {
            notes.add(new Note("widget.appearance", Note.NOT_IMPORTED, "the launcher style " + show(appearance)
                    + " (bar or bubble) has no field in our theme: not imported"));
        }
        JsonNode css = root.path("customCss");
        if (css.isTextual() && !css.textValue().isBlank()) {
            notes.add(new Note("customCss", Note.NOT_IMPORTED, "the channel's custom CSS (" + css.textValue().length()
                    + " characters) was not imported: free CSS never reaches our themes; review it in CXone"));
        } else if (!css.isMissingNode() && !css.isNull() && !css.isTextual()) {
            notes.add(new Note("customCss", Note.NOT_IMPORTED, "customCss is not text: ignored"));
        }
        Set<String> unknown = new TreeSet<>();
        fieldNames(root, TOP_FIELDS, "", unknown);
        fieldNames(colors.node, COLOR_FIELDS, "colors.", unknown);
        JsonNode widget = root.path("widget");
        if (widget.isObject()) {
            fieldNames(widget, WIDGET_FIELDS, "widget.", unknown);
        }
        if (!unknown.isEmpty()) {
            List<String> shown = unknown.stream().limit(10).map(ChannelMapping::printable).toList();
            notes.add(new Note("$", Note.NOT_IMPORTED, "fields our theme has no place for were not imported: "
                    + String.join(", ", shown) + (unknown.size() > shown.size() ? ", …" : "")));
        }
    }

    private static void fieldNames(JsonNode node, Set<String> known, String prefix, Set<String> unknown) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!known.contains(field)) {
                unknown.add(prefix + field);
            }
        }
    }

    /** The CXone colours, parsed on demand. */
    private record Colors(JsonNode node) {
        /** The colour as {@code #RRGGBB}, or null when missing or malformed. */
        String parsed(String field) {
            return normalize(node.get(field));
        }

        /**
         * The first of {@code sources} that holds a colour, else the default. Every source that had to be passed over
         * (missing or malformed) gets a note, so that no fallback is silent.
         */
        String pick(String target, List<Note> notes, String fallback, String... sources) {
            List<String> problems = new ArrayList<>();
            boolean malformed = false;
            for (String source : sources) {
                JsonNode value = node.get(source);
                String color = normalize(value);
                if (color != null) {
                    if (!problems.isEmpty()) {
                        notes.add(new Note(target, malformed ? Note.MALFORMED : Note.MISSING,
                                String.join("; ", problems) + ": used colors." + source + " " + color));
                    }
                    return color;
                }
                if (value == null || value.isNull()) {
                    problems.add("colors." + source + " is missing");
                } else {
                    malformed = true;
                    problems.add("colors." + source + " " + show(value) + " is not a colour");
                }
            }
            notes.add(new Note(target, malformed ? Note.MALFORMED : Note.MISSING,
                    String.join("; ", problems) + ": used the default " + fallback));
            return fallback;
        }
    }

    /**
     * {@code #rgb}, {@code #rrggbb} (any case), {@code #rrggbbff}/{@code #rgbf} (opaque alpha), {@code rgb(r, g, b)},
     * {@code rgb(r g b)} and {@code rgba(…, 1)} → {@code #RRGGBB}; anything else (names, translucent colours,
     * out-of-range channels, non-strings) → null.
     */
    static String normalize(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.textValue().strip();
        if (text.length() > 64) {
            return null;
        }
        if (HEX.matcher(text).matches()) {
            return expand(text.substring(1));
        }
        Matcher alpha = HEX_ALPHA.matcher(text);
        if (alpha.matches()) {
            boolean long6 = alpha.group(1) != null;
            String a = long6 ? alpha.group(2) : alpha.group(4);
            boolean opaque = long6 ? a.equalsIgnoreCase("ff") : a.equalsIgnoreCase("f");
            return opaque ? expand(long6 ? alpha.group(1) : alpha.group(3)) : null;
        }
        Matcher rgb = RGB.matcher(text);
        if (rgb.matches()) {
            int r = Integer.parseInt(rgb.group(1)), g = Integer.parseInt(rgb.group(2)), b = Integer.parseInt(rgb.group(3));
            if (r > 255 || g > 255 || b > 255 || !opaque(rgb.group(4))) {
                return null;
            }
            return String.format(Locale.ROOT, "#%02X%02X%02X", r, g, b);
        }
        return null;
    }

    private static boolean opaque(String alpha) {
        if (alpha == null) {
            return true;
        }
        try {
            return alpha.endsWith("%") ? Double.parseDouble(alpha.substring(0, alpha.length() - 1)) == 100
                    : Double.parseDouble(alpha) == 1;
        } catch (NumberFormatException unreadable) {
            return false;
        }
    }

    private static String expand(String hex) {
        String six = hex.length() == 3
                ? "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2)
                : hex;
        return "#" + six.toUpperCase(Locale.ROOT);
    }

    /** A CXone value quoted for a note: control characters replaced, cut short. */
    private static String show(JsonNode value) {
        String text = value.isTextual() ? "'" + value.textValue() + "'" : value.toString();
        return printable(text);
    }

    private static String printable(String text) {
        return Text.clip(text, MAX_SHOWN);
    }
}
