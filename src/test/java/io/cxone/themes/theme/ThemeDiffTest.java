package io.cxone.themes.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.accessibility.Level;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.Seeds;
import io.cxone.themes.theme.ThemeDiff.Change;

class ThemeDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode sample() {
        return JSON.valueToTree(SampleThemes.enterpriseDarkModeJson());
    }

    static List<String> paths(List<Change> changes) {
        return changes.stream().map(Change::path).toList();
    }

    @Test
    void identicalThemesHaveNoChanges() {
        assertEquals(List.of(), ThemeDiff.diff(sample(), sample()));
    }

    @Test
    void aChangedLeafIsOneChangeWithBothValues() {
        ObjectNode to = sample();
        ((ObjectNode) to.get("font")).put("sizePx", 16);
        ((ObjectNode) to.withArray("buttons").get(1)).put("textColor", "#FFFFFF");
        List<Change> changes = ThemeDiff.diff(sample(), to);
        assertEquals(List.of("font.sizePx", "buttons[1].textColor"), paths(changes));
        assertEquals(14, changes.get(0).oldValue().intValue());
        assertEquals(16, changes.get(0).newValue().intValue());
        assertEquals("#E0E0E0", changes.get(1).oldValue().textValue());
        assertEquals("changed", changes.get(1).kind());
    }

    @Test
    void aHeaderAddedOrRemovedEntirelyIsOneChangeAtHeader() {
        ObjectNode to = sample();
        to.putObject("header").put("backgroundColor", "#000000").put("textColor", "#FFFFFF");
        List<Change> added = ThemeDiff.diff(sample(), to);
        assertEquals(List.of("header"), paths(added));
        assertNull(added.get(0).oldValue());
        assertEquals(to.get("header"), added.get(0).newValue());
        assertEquals("added", added.get(0).kind());

        List<Change> removed = ThemeDiff.diff(to, sample());
        assertEquals(List.of("header"), paths(removed));
        assertEquals(to.get("header"), removed.get(0).oldValue());
        assertNull(removed.get(0).newValue());
        assertEquals("removed", removed.get(0).kind());
    }

    @Test
    void buttonsAddedOrRemovedAtTheEndAreWholeItems() {
        ObjectNode to = sample();
        ObjectNode third = to.withArray("buttons").addObject();
        third.put("label", "Call us").put("color", "#FFFFFF").put("textColor", "#000000").put("position", "right");
        List<Change> added = ThemeDiff.diff(sample(), to);
        assertEquals(List.of("buttons[2]"), paths(added));
        assertEquals(third, added.get(0).newValue());

        ObjectNode fewer = sample();
        fewer.withArray("buttons").remove(1);
        List<Change> removed = ThemeDiff.diff(sample(), fewer);
        assertEquals(List.of("buttons[1]"), paths(removed));
        assertEquals(sample().at("/buttons/1"), removed.get(0).oldValue());
        assertNull(removed.get(0).newValue());
    }

    @Test
    void removingTheFirstButtonIsPositional() {
        ObjectNode to = sample();
        to.withArray("buttons").remove(0);
        List<Change> changes = ThemeDiff.diff(sample(), to);
        assertEquals(List.of("buttons[0].label", "buttons[0].color", "buttons[0].textColor", "buttons[0].position",
                "buttons[1]"), paths(changes));
        assertEquals(to, ThemeDiff.apply(sample(), changes));
    }

    @Test
    void optionalFieldsInsideAnItemAreAddedAndRemovedByPath() {
        ObjectNode to = sample();
        ((ObjectNode) to.withArray("buttons").get(0)).put("iconUrl", "https://cdn.example.test/chat.svg");
        List<Change> changes = ThemeDiff.diff(sample(), to);
        assertEquals(List.of("buttons[0].iconUrl"), paths(changes));
        assertNull(changes.get(0).oldValue());
    }

    @Test
    void nullAndMissingAreTheSameAndNumbersCompareByValue() throws Exception {
        ObjectNode withNulls = sample();
        withNulls.putNull("header");
        ((ObjectNode) withNulls.withArray("buttons").get(0)).putNull("iconUrl");
        assertEquals(List.of(), ThemeDiff.diff(sample(), withNulls));
        assertEquals(List.of(), ThemeDiff.diff(withNulls, sample()));

        ObjectNode decimals = sample();
        decimals.put("borderRadiusPx", 8.0);
        ((ObjectNode) decimals.get("font")).put("sizePx", 14L);
        assertEquals(List.of(), ThemeDiff.diff(sample(), decimals));

        JsonNode parsed = JSON.readTree(sample().toString());
        assertEquals(List.of(), ThemeDiff.diff(sample(), parsed));
    }

    @Test
    void nullOrMissingSidesAreEmptyThemes() {
        List<Change> fromNothing = ThemeDiff.diff(null, sample());
        assertEquals(List.of("name", "backgroundColor", "primaryColor", "font", "buttons", "borderRadiusPx", "maxWidthPx"),
                paths(fromNothing));
        assertTrue(fromNothing.stream().allMatch(c -> c.oldValue() == null));
        List<Change> toNothing = ThemeDiff.diff(sample(), JSON.nullNode());
        assertTrue(toNothing.stream().allMatch(c -> c.newValue() == null));
        assertEquals(JSON.createObjectNode(), ThemeDiff.apply(sample(), toNothing));
        assertEquals(List.of(), ThemeDiff.diff(JSON.missingNode(), null));
    }

    @Test
    void aTypeChangeIsOneChangeAtItsPath() {
        ObjectNode to = sample();
        to.put("font", "Inter 14px");
        to.put("buttons", "none");
        List<Change> changes = ThemeDiff.diff(sample(), to);
        assertEquals(List.of("font", "buttons"), paths(changes));
        assertEquals(to, ThemeDiff.apply(sample(), changes));
    }

    @Test
    void orderIsTheModelFieldOrderWithUnknownFieldsLastAlphabetically() {
        ObjectNode from = sample();
        ObjectNode to = JSON.createObjectNode();
        // built in reverse order: the diff must not follow the documents' own order
        to.put("zeta", 1);
        to.put("alpha", 1);
        to.putObject("header").put("textColor", "#FFFFFF").put("backgroundColor", "#000000");
        to.put("maxWidthPx", 400);
        to.put("borderRadiusPx", 4);
        ArrayNode buttons = to.putArray("buttons");
        buttons.addObject().put("iconUrl", "https://x.test/i.svg").put("position", "left").put("textColor", "#111111")
                .put("color", "#EEEEEE").put("label", "Go");
        to.putObject("font").put("color", "#EEEEEE").put("weight", 700).put("sizePx", 20).put("family", "Roboto");
        to.put("primaryColor", "#FF0000");
        to.put("backgroundColor", "#FFFFFF");
        to.put("name", "Other");
        assertEquals(List.of("name", "backgroundColor", "primaryColor", "font.family", "font.sizePx", "font.weight",
                "font.color", "buttons[0].label", "buttons[0].color", "buttons[0].textColor", "buttons[0].position",
                "buttons[0].iconUrl", "buttons[1]", "borderRadiusPx", "maxWidthPx", "header", "alpha", "zeta"),
                paths(ThemeDiff.diff(from, to)));
    }

    @Test
    void changesSerialiseWithNullForAbsentSidesAndAKind() throws Exception {
        ObjectNode to = sample();
        to.putObject("header").put("backgroundColor", "#000000").put("textColor", "#FFFFFF");
        JsonNode json = JSON.valueToTree(ThemeDiff.diff(sample(), to));
        assertEquals(JSON.readTree("""
                [{"path":"header","oldValue":null,"newValue":{"backgroundColor":"#000000","textColor":"#FFFFFF"},
                  "kind":"added"}]"""), json);
    }

    @Test
    void applyRejectsPathsThatDoNotFit() {
        List<Change> bad = List.of(new Change("font.sizePx.x", JSON.getNodeFactory().numberNode(1),
                JSON.getNodeFactory().numberNode(2)));
        assertThrows(IllegalArgumentException.class, () -> ThemeDiff.apply(sample(), bad));
        List<Change> past = List.of(new Change("buttons[7]", null, JSON.createObjectNode()));
        assertThrows(IllegalArgumentException.class, () -> ThemeDiff.apply(sample(), past));
    }

    // ---- seeded randomized: random valid themes, random mutations ----

    private static final String[] COLORS_POOL = { "#000000", "#FFFFFF", "#1A1A1A", "#00E676", "#2C2C2C", "#E0E0E0",
            "#1F3A93", "#FF7F00" };
    private static final String[] POSITIONS = { "left", "right", "center" };

    static String color(Random random) {
        return String.format(Locale.ROOT, "#%06X", random.nextInt(0x1000000));
    }

    static ObjectNode button(Random random) {
        ObjectNode button = JSON.createObjectNode();
        button.put("label", "Button " + random.nextInt(1000));
        button.put("color", COLORS_POOL[random.nextInt(COLORS_POOL.length)]);
        button.put("textColor", color(random));
        button.put("position", POSITIONS[random.nextInt(3)]);
        if (random.nextBoolean()) {
            button.put("iconUrl", "https://cdn.example.test/" + random.nextInt(1000) + ".svg");
        }
        return button;
    }

    static ObjectNode theme(Random random) {
        ObjectNode theme = JSON.createObjectNode();
        theme.put("name", "Theme " + random.nextInt(10_000));
        theme.put("backgroundColor", color(random));
        theme.put("primaryColor", color(random));
        ObjectNode font = theme.putObject("font");
        font.put("family", List.of("Inter", "Arial, sans-serif", "Roboto").get(random.nextInt(3)));
        font.put("sizePx", 12 + random.nextInt(13));
        font.put("weight", 100 * (1 + random.nextInt(9)));
        font.put("color", color(random));
        ArrayNode buttons = theme.putArray("buttons");
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            buttons.add(button(random));
        }
        theme.put("borderRadiusPx", random.nextInt(17));
        theme.put("maxWidthPx", 280 + random.nextInt(141));
        if (random.nextBoolean()) {
            theme.putObject("header").put("backgroundColor", color(random)).put("textColor", color(random));
        }
        return theme;
    }

    /** A value of the same kind that differs from the current one. */
    static JsonNode different(Random random, String field, JsonNode current) {
        JsonNode next;
        do {
            next = switch (field) {
                case "name" -> JSON.getNodeFactory().textNode("Theme " + random.nextInt(10_000));
                case "family" -> JSON.getNodeFactory().textNode(List.of("Inter", "Roboto", "Lato").get(random.nextInt(3)));
                case "sizePx" -> JSON.getNodeFactory().numberNode(12 + random.nextInt(13));
                case "weight" -> JSON.getNodeFactory().numberNode(100 * (1 + random.nextInt(9)));
                case "borderRadiusPx" -> JSON.getNodeFactory().numberNode(random.nextInt(17));
                case "maxWidthPx" -> JSON.getNodeFactory().numberNode(280 + random.nextInt(141));
                case "label" -> JSON.getNodeFactory().textNode("Button " + random.nextInt(1000));
                case "position" -> JSON.getNodeFactory().textNode(POSITIONS[random.nextInt(3)]);
                case "iconUrl" -> JSON.getNodeFactory().textNode("https://cdn.example.test/" + random.nextInt(1000) + ".svg");
                default -> JSON.getNodeFactory().textNode(color(random));
            };
        } while (next.equals(current));
        return next;
    }

    /** A slot a mutation can touch: its path and how to reach its parent object in a theme. */
    record Slot(String path, String field, Function<ObjectNode, ObjectNode> parent) {
    }

    /** The rank of a path in model order, written independently of ThemeDiff. */
    static final List<String> MODEL_ORDER = List.of("name", "backgroundColor", "primaryColor", "font.family",
            "font.sizePx", "font.weight", "font.color", "buttons", "borderRadiusPx", "maxWidthPx", "header",
            "header.backgroundColor", "header.textColor");
    static final List<String> BUTTON_ORDER = List.of("", ".label", ".color", ".textColor", ".position", ".iconUrl");

    static Comparator<String> modelOrder() {
        return Comparator.comparingInt((String path) -> MODEL_ORDER.indexOf(path.startsWith("buttons[") ? "buttons" : path))
                .thenComparingInt(path -> path.startsWith("buttons[") ? Integer.parseInt(path.substring(8, path.indexOf(']'))) : 0)
                .thenComparingInt(path -> path.startsWith("buttons[") ? BUTTON_ORDER.indexOf(path.substring(path.indexOf(']') + 1)) : 0);
    }

    @Test
    void randomMutationsAreListedExactlyAndTheDiffReplaysAndInverts() {
        long seed = Seeds.seed();
        Random random = Seeds.random(seed);
        ThemeValidator validator = PlainValidators.themeValidator();
        for (int round = 0; round < 2_000; round++) {
            ObjectNode from = theme(random);
            ObjectNode to = from.deepCopy();
            Set<String> expected = new TreeSet<>();
            ArrayNode fromButtons = (ArrayNode) from.get("buttons");
            ArrayNode toButtons = (ArrayNode) to.get("buttons");

            // structural changes first: the header, and buttons at the end
            boolean headerTouched = random.nextInt(4) == 0;
            if (headerTouched) {
                if (to.has("header")) {
                    to.remove("header");
                } else {
                    to.putObject("header").put("backgroundColor", color(random)).put("textColor", color(random));
                }
                expected.add("header");
            }
            int buttonChange = random.nextInt(4); // 0: add one at the end, 1: remove the last, else none
            if (buttonChange == 0 && toButtons.size() < 3) {
                toButtons.add(button(random));
                expected.add("buttons[" + (toButtons.size() - 1) + "]");
            } else if (buttonChange == 1 && toButtons.size() > 1) {
                toButtons.remove(toButtons.size() - 1);
                expected.add("buttons[" + toButtons.size() + "]");
            }

            // then leaves that exist on both sides, each touched at most once
            List<Slot> slots = new ArrayList<>();
            for (String field : List.of("name", "backgroundColor", "primaryColor", "borderRadiusPx", "maxWidthPx")) {
                slots.add(new Slot(field, field, t -> t));
            }
            for (String field : List.of("family", "sizePx", "weight", "color")) {
                slots.add(new Slot("font." + field, field, t -> (ObjectNode) t.get("font")));
            }
            if (!headerTouched && to.has("header")) {
                for (String field : List.of("backgroundColor", "textColor")) {
                    slots.add(new Slot("header." + field, field, t -> (ObjectNode) t.get("header")));
                }
            }
            for (int i = 0; i < Math.min(fromButtons.size(), toButtons.size()); i++) {
                int index = i;
                for (String field : List.of("label", "color", "textColor", "position", "iconUrl")) {
                    slots.add(new Slot("buttons[" + i + "]." + field, field,
                            t -> (ObjectNode) t.get("buttons").get(index)));
                }
            }
            int mutations = random.nextInt(Math.min(6, slots.size()) + 1);
            for (int m = 0; m < mutations; m++) {
                Slot slot = slots.remove(random.nextInt(slots.size()));
                ObjectNode parent = slot.parent().apply(to);
                JsonNode current = parent.get(slot.field());
                if (slot.field().equals("iconUrl") && random.nextBoolean()) {
                    if (current == null) {
                        parent.set("iconUrl", different(random, "iconUrl", null)); // added
                    } else {
                        parent.remove("iconUrl"); // removed
                    }
                } else {
                    parent.set(slot.field(), different(random, slot.field(), current));
                }
                expected.add(slot.path());
            }

            String tag = Seeds.tag(seed) + "round " + round + "\nfrom " + from + "\nto   " + to;
            List<Change> changes = ThemeDiff.diff(from, to);
            List<String> inModelOrder = new ArrayList<>(expected);
            inModelOrder.sort(modelOrder());
            assertEquals(inModelOrder, paths(changes), tag);
            for (Change change : changes) {
                JsonNode before = at(from, change.path()), after = at(to, change.path());
                assertEquals(before, change.oldValue(), tag + " old value of " + change.path());
                assertEquals(after, change.newValue(), tag + " new value of " + change.path());
            }
            assertEquals(to, ThemeDiff.apply(from, changes), tag);
            assertEquals(from, ThemeDiff.apply(to, ThemeDiff.diff(to, from)), tag);
            assertEquals(new LinkedHashSet<>(paths(changes)), new LinkedHashSet<>(paths(ThemeDiff.diff(to, from))), tag);
            assertEquals(List.of(), ThemeDiff.diff(to, ThemeDiff.apply(from, changes)), tag);
            if (round % 100 == 0) { // the generator makes valid themes, so these are diffs a user can meet
                assertEquals(List.of(), validator.validate(to, Level.AA).errors(), tag);
            }
        }
    }

    /** The node at a diff path, or null when absent: written with JSON Pointer, independently of ThemeDiff. */
    static JsonNode at(JsonNode root, String path) {
        String pointer = "/" + path.replace(".", "/").replaceAll("\\[(\\d+)]", "/$1");
        JsonNode node = root.at(pointer);
        return node.isMissingNode() || node.isNull() ? null : node;
    }
}
