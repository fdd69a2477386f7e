package io.cxone.themes.livechannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.accessibility.ContrastCheck;
import io.cxone.themes.accessibility.Level;
import io.cxone.themes.accessibility.Rgb;
import io.cxone.themes.accessibility.Wcag;
import io.cxone.themes.livechannel.ChannelMapping.Note;
import io.cxone.themes.support.Seeds;
import io.cxone.themes.theme.PlainValidators;
import io.cxone.themes.theme.ThemeJsonReader;
import io.cxone.themes.theme.ThemeValidator;
import io.cxone.themes.theme.ValidationReport;

class ChannelMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThemeValidator VALIDATOR = PlainValidators.themeValidator();
    private static final ChannelRequest REQUEST = new ChannelRequest("4711", "chat_abc", "c1", "niceincontact.com");

    static ObjectNode appearance(Map<String, Object> colors, String appearance, String position, String css) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("colors", colors);
        Map<String, Object> widget = new LinkedHashMap<>();
        widget.put("appearance", appearance);
        widget.put("position", position);
        body.put("widget", widget);
        body.put("customCss", css);
        return JSON.valueToTree(body);
    }

    static Map<String, Object> colors(String button, String headerBg, String headerFont, String theme, String text,
            String widgetBg, String widgetFont) {
        Map<String, Object> colors = new LinkedHashMap<>();
        colors.put("buttonColor", button);
        colors.put("headerBgColor", headerBg);
        colors.put("headerFontColor", headerFont);
        colors.put("themeColor", theme);
        colors.put("textColor", text);
        colors.put("widgetBgColor", widgetBg);
        colors.put("widgetFontColor", widgetFont);
        return colors;
    }

    /** The simulator's first preset. */
    static ObjectNode preset() {
        return appearance(colors("#1F3A93", "#1F3A93", "#FFFFFF", "#1F3A93", "#1A1A1A", "#FFFFFF", "#1A1A1A"),
                "bubble", "left", "");
    }

    static List<Note> notesAt(ChannelMapping.Result result, String path) {
        return result.notes().stream().filter(n -> n.path().equals(path)).toList();
    }

    static void assertReadsCleanly(ObjectNode theme) {
        assertEquals(List.of(), ThemeJsonReader.read(theme).errors(), "structural errors in " + theme);
        assertEquals(List.of(), VALIDATOR.validate(theme, Level.AA).errors(), "field errors in " + theme);
    }

    @Test
    void aFullAppearanceMapsFieldByFieldInModelOrder() throws Exception {
        ChannelMapping.Result result = ChannelMapping.map(REQUEST, preset());
        JsonNode expected = JSON.readTree("""
                {"name":"Imported 4711/chat_abc","backgroundColor":"#FFFFFF","primaryColor":"#1F3A93",
                 "font":{"family":"Arial, sans-serif","sizePx":14,"weight":400,"color":"#1A1A1A"},
                 "buttons":[{"label":"Start Chat","color":"#1F3A93","textColor":"#FFFFFF","position":"left"}],
                 "borderRadiusPx":8,"maxWidthPx":360,
                 "header":{"backgroundColor":"#1F3A93","textColor":"#FFFFFF"}}""");
        assertEquals(expected, result.theme());
        assertEquals(List.of("name", "backgroundColor", "primaryColor", "font", "buttons", "borderRadiusPx", "maxWidthPx",
                "header"), iterable(result.theme()));
        assertReadsCleanly(result.theme());
        ValidationReport report = VALIDATOR.validate(result.theme(), Level.AA);
        assertTrue(report.valid(), () -> "the preset passes AA: " + report);

        // every value that did not come straight from CXone is noted; nothing else is
        Set<String> noted = result.notes().stream().map(Note::path).collect(Collectors.toSet());
        assertEquals(Set.of("font.family", "font.sizePx", "font.weight", "buttons[0].label", "buttons[0].textColor",
                "borderRadiusPx", "maxWidthPx", "widget.appearance"), noted);
        assertEquals(Note.DERIVED, notesAt(result, "buttons[0].textColor").get(0).code());
        assertTrue(notesAt(result, "buttons[0].textColor").get(0).message().contains("headerFontColor #FFFFFF"));
        assertTrue(notesAt(result, "widget.appearance").get(0).message().contains("'bubble'"));
        assertTrue(result.notes().stream().noneMatch(n -> n.path().equals("customCss")), "an empty customCss is no news");
    }

    @Test
    void widgetFontColorFallsBackToTextColorWithANote() {
        Map<String, Object> colors = colors("#1F3A93", "#1F3A93", "#FFFFFF", "#1F3A93", "#202020", "#FFFFFF", null);
        ChannelMapping.Result result = ChannelMapping.map(REQUEST, appearance(colors, "bar", "right", null));
        assertEquals("#202020", result.theme().at("/font/color").asText());
        Note note = notesAt(result, "font.color").get(0);
        assertEquals(Note.MISSING, note.code());
        assertEquals("colors.widgetFontColor is missing: used colors.textColor #202020", note.message());
        assertReadsCleanly(result.theme());
    }

    @Test
    void missingColoursFallBackToDocumentedDefaultsAndEachIsNoted() {
        ChannelMapping.Result result = ChannelMapping.map(REQUEST, JSON.createObjectNode());
        ObjectNode theme = result.theme();
        assertEquals(ChannelMapping.DEFAULT_BACKGROUND, theme.get("backgroundColor").asText());
        assertEquals(ChannelMapping.DEFAULT_PRIMARY, theme.get("primaryColor").asText());
        assertEquals(ChannelMapping.DEFAULT_TEXT, theme.at("/font/color").asText());
        assertEquals(ChannelMapping.DEFAULT_PRIMARY, theme.at("/buttons/0/color").asText());
        assertEquals(ChannelMapping.DEFAULT_PRIMARY, theme.at("/header/backgroundColor").asText());
        assertEquals(ChannelMapping.DEFAULT_HEADER_TEXT, theme.at("/header/textColor").asText());
        assertEquals("right", theme.at("/buttons/0/position").asText());
        for (String path : List.of("backgroundColor", "primaryColor", "font.color", "buttons[0].color",
                "header.backgroundColor", "header.textColor", "buttons[0].position")) {
            List<Note> notes = notesAt(result, path);
            assertEquals(1, notes.size(), path + " " + result.notes());
            assertEquals(Note.MISSING, notes.get(0).code(), path);
        }
        assertEquals("colors.themeColor is missing; colors.buttonColor is missing: used the default #1F3A93",
                notesAt(result, "primaryColor").get(0).message());
        assertReadsCleanly(theme);
        assertTrue(VALIDATOR.validate(theme, Level.AA).valid(), "the defaults pass AA");
    }

    @Test
    void malformedColoursFallBackAndAreReportedWithTheValueTheyHad() {
        Map<String, Object> colors = new LinkedHashMap<>();
        colors.put("buttonColor", "blue");
        colors.put("headerBgColor", 1193046);
        colors.put("headerFontColor", "#12345");
        colors.put("themeColor", "rgb(300, 0, 0)");
        colors.put("textColor", "#11223380");
        colors.put("widgetBgColor", "javascript:alert(1)\u0000\u202E");
        colors.put("widgetFontColor", Map.of("r", 1));
        ChannelMapping.Result result = ChannelMapping.map(REQUEST, appearance(colors, "bubble", "middle", null));
        ObjectNode theme = result.theme();
        assertEquals(ChannelMapping.DEFAULT_BACKGROUND, theme.get("backgroundColor").asText());
        assertEquals(ChannelMapping.DEFAULT_PRIMARY, theme.get("primaryColor").asText());
        assertEquals(ChannelMapping.DEFAULT_TEXT, theme.at("/font/color").asText());
        assertEquals(ChannelMapping.DEFAULT_HEADER_TEXT, theme.at("/header/textColor").asText());
        assertEquals("right", theme.at("/buttons/0/position").asText());
        for (String path : List.of("backgroundColor", "primaryColor", "font.color", "buttons[0].color",
                "header.backgroundColor", "header.textColor", "buttons[0].position")) {
            assertEquals(Note.MALFORMED, notesAt(result, path).get(0).code(), path + " " + result.notes());
        }
        assertEquals("colors.themeColor 'rgb(300, 0, 0)' is not a colour; colors.buttonColor 'blue' is not a colour: "
                + "used the default #1F3A93", notesAt(result, "primaryColor").get(0).message());
        assertEquals("colors.headerFontColor '#12345' is not a colour: used the default #FFFFFF",
                notesAt(result, "header.textColor").get(0).message());
        assertTrue(notesAt(result, "buttons[0].position").get(0).message().contains("'middle' is not left or right"));
        String background = notesAt(result, "backgroundColor").get(0).message();
        assertFalse(background.matches("(?s).*[\\u0000\\u202E].*"), "control characters never reach a note: " + background);
        assertReadsCleanly(theme);
    }

    @Test
    void shortHexAnyCaseRgbAndOpaqueAlphaAreNormalised() {
        assertEquals("#FFFFFF", ChannelMapping.normalize(JSON.getNodeFactory().textNode("#fff")));
        assertEquals("#1F3A93", ChannelMapping.normalize(JSON.getNodeFactory().textNode(" #1f3A93 ")));
        assertEquals("#1F3A93", ChannelMapping.normalize(JSON.getNodeFactory().textNode("rgb(31, 58, 147)")));
        assertEquals("#1F3A93", ChannelMapping.normalize(JSON.getNodeFactory().textNode("RGB(31 58 147)")));
        assertEquals("#000000", ChannelMapping.normalize(JSON.getNodeFactory().textNode("rgba(0,0,0,1)")));
        assertEquals("#000000", ChannelMapping.normalize(JSON.getNodeFactory().textNode("rgb(0 0 0 / 100%)")));
        assertEquals("#AABBCC", ChannelMapping.normalize(JSON.getNodeFactory().textNode("#aabbccff")));
        assertEquals("#AABBCC", ChannelMapping.normalize(JSON.getNodeFactory().textNode("#abcf")));
        for (String bad : List.of("", "#", "fff", "#ffff8", "#aabbcc80", "#abc8", "rgba(0,0,0,0.5)", "rgb(0,0)",
                "rgb(256,0,0)", "red", "hsl(0, 100%, 50%)", "#GGGGGG", "#fff;background:url(x)")) {
            assertNull(ChannelMapping.normalize(JSON.getNodeFactory().textNode(bad)), bad);
        }
        assertNull(ChannelMapping.normalize(JSON.getNodeFactory().numberNode(0xFFFFFF)));
        assertNull(ChannelMapping.normalize(JSON.getNodeFactory().nullNode()));
        assertNull(ChannelMapping.normalize(null));

        Map<String, Object> colors = colors("#00f", "rgb(0, 0, 128)", "#FfF", "#00F", "#111", "#fff", "#222");
        ObjectNode theme = ChannelMapping.map(REQUEST, appearance(colors, "bar", "RIGHT", null)).theme();
        assertEquals("#0000FF", theme.at("/buttons/0/color").asText());
        assertEquals("#000080", theme.at("/header/backgroundColor").asText());
        assertEquals("#FFFFFF", theme.at("/header/textColor").asText());
        assertEquals("#FFFFFF", theme.get("backgroundColor").asText());
        assertEquals("#222222", theme.at("/font/color").asText());
        assertEquals("right", theme.at("/buttons/0/position").asText());
    }

    @Test
    void anInaccessibleLiveAppearanceIsImportedAsItIsAndItsReportFails1_4_3() {
        // near-white text on white, as in the brief's sample validator that never fired
        Map<String, Object> colors = colors("#FFFFFF", "#FFFFFF", "#FAFAFA", "#EEEEEE", "#F0F0F0", "#FFFFFF", "#FEFEFE");
        ChannelMapping.Result result = ChannelMapping.map(REQUEST, appearance(colors, "bar", "left", ".x{color:red}"));
        ObjectNode theme = result.theme();
        assertEquals("#FEFEFE", theme.at("/font/color").asText(), "the live colours are kept, not repaired");
        assertEquals("#FFFFFF", theme.get("backgroundColor").asText());
        assertReadsCleanly(theme);
        ValidationReport report = VALIDATOR.validate(theme, Level.AA);
        assertFalse(report.valid());
        List<ContrastCheck> failing = report.contrast().stream()
                .filter(c -> !c.passes() && c.criterion().equals("1.4.3") && c.severity() == ContrastCheck.Severity.error)
                .toList();
        Set<String> pairs = failing.stream().map(ContrastCheck::pair).collect(Collectors.toSet());
        assertTrue(pairs.contains("font.color/backgroundColor"), pairs::toString);
        assertTrue(pairs.contains("header.textColor/header.backgroundColor"), pairs::toString);
        assertTrue(failing.stream().allMatch(c -> c.suggestion() != null), "each failing pair has a suggestion");
        // the button label colour is ours (CXone has none), so it is readable: black on the white fill
        assertEquals("#000000", theme.at("/buttons/0/textColor").asText());
        Note label = notesAt(result, "buttons[0].textColor").get(0);
        assertTrue(label.message().contains("headerFontColor #FAFAFA is only 1.04:1"), label.message());
    }

    @Test
    void customCssNeverReachesTheThemeAndIsNoted() {
        String css = "body{background:url(https://evil.test/x.png)}</style><script>alert(1)</script>";
        ChannelMapping.Result result = ChannelMapping.map(REQUEST, appearance(
                colors("#1F3A93", "#1F3A93", "#FFFFFF", "#1F3A93", "#1A1A1A", "#FFFFFF", "#1A1A1A"), "bar", "right", css));
        assertFalse(result.theme().toString().contains("evil.test"));
        assertFalse(result.theme().toString().contains("script"));
        Note note = notesAt(result, "customCss").get(0);
        assertEquals(Note.NOT_IMPORTED, note.code());
        assertTrue(note.message().contains("(" + css.length() + " characters) was not imported"), note.message());
        assertFalse(note.message().contains("evil.test"), "the CSS itself is not repeated in the note");
    }

    @Test
    void unknownFieldsAreNamedInANoteButNotImported() {
        ObjectNode body = preset();
        ((ObjectNode) body.get("colors")).put("linkColor", "#0000EE");
        body.put("logoUrl", "https://example.test/logo.png");
        ChannelMapping.Result result = ChannelMapping.map(REQUEST, body);
        Note note = notesAt(result, "$").get(0);
        assertEquals(Note.NOT_IMPORTED, note.code());
        assertTrue(note.message().endsWith("colors.linkColor, logoUrl"), note.message());
        assertFalse(result.theme().toString().contains("logo"));
    }

    @Test
    void aNonObjectAnswerGivesTheDefaultsWithANote() {
        ChannelMapping.Result result = ChannelMapping.map(REQUEST, JSON.getNodeFactory().textNode("nope"));
        assertEquals(Note.MALFORMED, notesAt(result, "$").get(0).code());
        assertReadsCleanly(result.theme());
        ChannelMapping.Result colorsText = ChannelMapping.map(REQUEST, JSON.createObjectNode().put("colors", "#FFF"));
        assertEquals(Note.MALFORMED, notesAt(colorsText, "colors").get(0).code());
    }

    @Test
    void longIdsGiveANameOfAtMost100Characters() {
        String id = "b".repeat(64);
        ChannelMapping.Result result = ChannelMapping.map(new ChannelRequest(id, "c".repeat(64), "c1", "niceincontact.com"),
                preset());
        String name = result.theme().get("name").asText();
        assertEquals(100, name.length());
        assertTrue(name.startsWith("Imported " + id + "/"));
        assertEquals(1, notesAt(result, "name").size());
        assertReadsCleanly(result.theme());
    }

    @Test
    void theButtonLabelUsesHeaderFontColorOnlyWhenItIsReadableOnTheFill() {
        // orange fill: white text is 2.5:1, black 8.3:1
        Map<String, Object> colors = colors("#FF7F00", "#222222", "#FFFFFF", "#FF7F00", "#1A1A1A", "#FFFFFF", "#1A1A1A");
        ChannelMapping.Result result = ChannelMapping.map(REQUEST, appearance(colors, "bubble", "right", null));
        assertEquals("#000000", result.theme().at("/buttons/0/textColor").asText());
        // yellow fill with a dark header font: the header font is used
        colors = colors("#FFD600", "#FFD600", "#202020", "#FFD600", "#1A1A1A", "#FFFFFF", "#1A1A1A");
        result = ChannelMapping.map(REQUEST, appearance(colors, "bubble", "right", null));
        assertEquals("#202020", result.theme().at("/buttons/0/textColor").asText());
    }

    /** Whatever CXone sends, the theme is complete and free of field errors, and every fallback is noted. */
    @Test
    void randomAppearancesAlwaysGiveACompleteThemeAndNoteEveryFallback() {
        long seed = Seeds.seed();
        Random random = Seeds.random(seed);
        String[] fields = { "buttonColor", "headerBgColor", "headerFontColor", "themeColor", "textColor", "widgetBgColor",
                "widgetFontColor" };
        for (int i = 0; i < 500; i++) {
            Map<String, Object> colors = new LinkedHashMap<>();
            List<String> usable = new ArrayList<>();
            for (String field : fields) {
                int kind = random.nextInt(6);
                Rgb rgb = new Rgb(random.nextInt(256), random.nextInt(256), random.nextInt(256));
                switch (kind) {
                    case 0 -> { // absent
                    }
                    case 1 -> colors.put(field, "not-a-colour-" + random.nextInt(100));
                    case 2 -> colors.put(field, rgb.hex().toLowerCase(Locale.ROOT));
                    case 3 -> colors.put(field, String.format(Locale.ROOT, "rgb(%d, %d, %d)", rgb.r(), rgb.g(), rgb.b()));
                    default -> colors.put(field, rgb.hex());
                }
                if (kind >= 2) {
                    usable.add(field);
                }
            }
            String position = List.of("left", "right", "center", "").get(random.nextInt(4));
            ObjectNode body = appearance(colors, random.nextBoolean() ? "bar" : "bubble", position,
                    random.nextBoolean() ? ".x{}" : "");
            String tag = Seeds.tag(seed) + body;
            ChannelMapping.Result result = ChannelMapping.map(REQUEST, body);
            assertEquals(List.of(), ThemeJsonReader.read(result.theme()).errors(), tag);
            ValidationReport report = VALIDATOR.validate(result.theme(), Level.AA);
            assertEquals(List.of(), report.errors(), tag);
            // each theme colour whose first CXone source was unusable carries a note
            Map<String, String> firstSource = Map.of("backgroundColor", "widgetBgColor", "primaryColor", "themeColor",
                    "font.color", "widgetFontColor", "buttons[0].color", "buttonColor", "header.backgroundColor",
                    "headerBgColor", "header.textColor", "headerFontColor");
            for (Map.Entry<String, String> entry : firstSource.entrySet()) {
                boolean noted = !notesAt(result, entry.getKey()).isEmpty();
                assertEquals(!usable.contains(entry.getValue()), noted, tag + " note for " + entry.getKey());
            }
            // the label colour we choose is always readable on the fill
            String fill = result.theme().at("/buttons/0/color").asText();
            String label = result.theme().at("/buttons/0/textColor").asText();
            assertTrue(Wcag.contrast(Rgb.parse(label), Rgb.parse(fill)) >= 4.5, tag);
        }
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
