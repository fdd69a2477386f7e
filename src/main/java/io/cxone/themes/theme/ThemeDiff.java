package io.cxone.themes.theme;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Field-level difference of two themes (JSON trees in our camelCase model), for
 * {@code GET /api/v1/themes/{id}/diff?from=&to=}. Pure.
 *
 * <ul>
 * <li>Paths are written as validation errors write them: {@code name}, {@code font.sizePx},
 * {@code buttons[1].textColor}.</li>
 * <li>Objects are compared field by field. A field present on one side only is one change at the field's path, with
 * the whole value on the side that has it: {@code header} when the header was added or removed entirely.</li>
 * <li>Arrays ({@code buttons}) are compared by position: items at the same index are compared field by field; items
 * past the shorter array's end are added or removed whole ({@code buttons[2]}). Removing the first of three buttons
 * therefore shows as changes of {@code buttons[0].*} and {@code buttons[1].*} and the removal of {@code buttons[2]}:
 * button order is part of the theme.</li>
 * <li>Absent: a missing field and a field set to JSON {@code null} are the same (our reader treats them alike), and
 * neither appears as a value: {@code oldValue} is Java {@code null} for an added field, {@code newValue} for a removed
 * one (both serialise as JSON {@code null}). A {@code null} item inside an array is a value, not an absence.</li>
 * <li>Numbers compare by value ({@code 14} equals {@code 14.0}); strings exactly (stored themes are normalised, so
 * {@code #fff} and {@code #FFFFFF} never meet here). A value whose type changes (object to string, say) is one change
 * at its path.</li>
 * <li>Order is deterministic, in model field order: {@code name, backgroundColor, primaryColor, font (family, sizePx,
 * weight, color), buttons (by index; label, color, textColor, position, iconUrl, hover (color, textColor)),
 * borderRadiusPx, maxWidthPx, header (backgroundColor, textColor), focusIndicator (color, widthPx), launcher (sizePx)};
 * fields outside the model come after the known ones of their object, alphabetically.</li>
 * </ul>
 * {@link #apply} replays a diff: {@code apply(from, diff(from, to))} equals {@code to} (up to absent/null fields).
 */
public final class ThemeDiff {
    private static final Pattern LAST_INDEX = Pattern.compile("\\[(\\d+)]$");
    private static final Pattern STEP = Pattern.compile("([^\\[]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");
    private static final List<String> THEME_ORDER = List.of("name", "backgroundColor", "primaryColor", "font", "buttons",
            "borderRadiusPx", "maxWidthPx", "header", "focusIndicator", "launcher");
    private static final Map<String, List<String>> ORDER = Map.of(
            "", THEME_ORDER,
            "font", List.of("family", "sizePx", "weight", "color"),
            "buttons[]", List.of("label", "color", "textColor", "position", "iconUrl", "hover"),
            "buttons[].hover", List.of("color", "textColor"),
            "header", List.of("backgroundColor", "textColor"),
            "focusIndicator", List.of("color", "widthPx"),
            "launcher", List.of("sizePx"));

    /** One difference; {@code oldValue} is null when the field was added, {@code newValue} when it was removed. */
    @JsonIgnoreProperties(value = "kind", allowGetters = true)
    public record Change(String path, JsonNode oldValue, JsonNode newValue) {
        /** {@code added}, {@code removed} or {@code changed}. */
        @JsonProperty("kind")
        public String kind() {
            return oldValue == null ? "added" : newValue == null ? "removed" : "changed";
        }
    }

    private ThemeDiff() {
    }

    /** Every field that differs, in model field order. A null, missing or JSON null side counts as an empty theme. */
    public static List<Change> diff(JsonNode from, JsonNode to) {
        List<Change> changes = new ArrayList<>();
        JsonNode left = absent(from) ? JsonNodeFactory.instance.objectNode() : from;
        JsonNode right = absent(to) ? JsonNodeFactory.instance.objectNode() : to;
        compare("", "", left, right, changes);
        return changes;
    }

    private static void compare(String path, String context, JsonNode from, JsonNode to, List<Change> changes) {
        if (from.isObject() && to.isObject()) {
            for (String field : fields(context, from, to)) {
                JsonNode a = from.get(field), b = to.get(field);
                String at = child(path, field);
                if (absent(a) && absent(b)) {
                    continue;
                }
                if (absent(a) || absent(b)) {
                    changes.add(new Change(at, absent(a) ? null : a.deepCopy(), absent(b) ? null : b.deepCopy()));
                } else {
                    compare(at, context(context, field), a, b, changes);
                }
            }
        } else if (from.isArray() && to.isArray()) {
            String itemContext = context + "[]";
            for (int i = 0; i < Math.max(from.size(), to.size()); i++) {
                String at = path + "[" + i + "]";
                if (i >= from.size()) {
                    changes.add(new Change(at, null, to.get(i).deepCopy()));
                } else if (i >= to.size()) {
                    changes.add(new Change(at, from.get(i).deepCopy(), null));
                } else {
                    compare(at, itemContext, from.get(i), to.get(i), changes);
                }
            }
        } else if (!same(from, to)) {
            changes.add(new Change(path.isEmpty() ? "$" : path, from.deepCopy(), to.deepCopy()));
        }
    }

    /** Known fields in model order, then the others alphabetically. */
    private static Set<String> fields(String context, JsonNode from, JsonNode to) {
        Set<String> ordered = new LinkedHashSet<>(ORDER.getOrDefault(context, List.of()));
        List<String> others = new ArrayList<>();
        for (JsonNode node : List.of(from, to)) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String field = it.next();
                if (!ordered.contains(field) && !others.contains(field)) {
                    others.add(field);
                }
            }
        }
        others.sort(Comparator.naturalOrder());
        ordered.addAll(others);
        return ordered;
    }

    /**
     * The ordering context of a child: {@code font}, {@code header}, {@code buttons} (items: {@code buttons[]}, their
     * hover: {@code buttons[].hover}).
     */
    private static String context(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    private static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            try {
                return a.decimalValue().compareTo(b.decimalValue()) == 0;
            } catch (NumberFormatException notFinite) { // NaN/Infinity doubles
                return a.asDouble() == b.asDouble();
            }
        }
        return a.equals(b);
    }

    /**
     * Applies changes made by {@link #diff} to a copy of {@code from}: sets changed and added values, removes removed
     * fields and array items (the highest index first). {@code from} is not modified.
     *
     * @throws IllegalArgumentException when a path does not fit {@code from}
     */
    public static JsonNode apply(JsonNode from, List<Change> changes) {
        JsonNode root = absent(from) ? JsonNodeFactory.instance.objectNode() : from.deepCopy();
        List<Change> removals = new ArrayList<>();
        for (Change change : changes) {
            if ("$".equals(change.path())) {
                root = change.newValue() == null ? JsonNodeFactory.instance.objectNode() : change.newValue().deepCopy();
            } else if (change.newValue() == null) {
                removals.add(change);
            } else {
                set(root, change.path(), change.newValue().deepCopy());
            }
        }
        // array items go from the end, so that earlier indexes stay valid
        removals.sort(Comparator.comparing((Change c) -> LAST_INDEX.matcher(c.path()).replaceFirst("")).thenComparing(
                (Change c) -> lastIndex(c.path()), Comparator.reverseOrder()));
        for (Change removal : removals) {
            remove(root, removal.path());
        }
        return root;
    }

    private static int lastIndex(String path) {
        Matcher m = LAST_INDEX.matcher(path);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Path steps: a field name, or an array index. */
    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            Matcher m = STEP.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a theme path: " + path);
            }
            if (!m.group(1).isEmpty()) {
                steps.add(m.group(1));
            }
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) {
                steps.add(Integer.parseInt(index.group(1)));
            }
        }
        return steps;
    }

    private static JsonNode parent(JsonNode root, List<Object> steps, String path) {
        JsonNode node = root;
        for (Object step : steps.subList(0, steps.size() - 1)) {
            node = step instanceof Integer i ? node.get(i) : node.get((String) step);
            if (node == null || !(node.isObject() || node.isArray())) {
                throw new IllegalArgumentException("path " + path + " does not fit the theme");
            }
        }
        return node;
    }

    private static void set(JsonNode root, String path, JsonNode value) {
        List<Object> steps = steps(path);
        JsonNode parent = parent(root, steps, path);
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer i && parent instanceof ArrayNode array) {
            if (i < array.size()) {
                array.set(i, value);
            } else if (i == array.size()) {
                array.add(value);
            } else {
                throw new IllegalArgumentException("path " + path + " is past the end of its array");
            }
        } else if (last instanceof String field && parent instanceof ObjectNode object) {
            object.set(field, value);
        } else {
            throw new IllegalArgumentException("path " + path + " does not fit the theme");
        }
    }

    private static void remove(JsonNode root, String path) {
        List<Object> steps = steps(path);
        JsonNode parent = parent(root, steps, path);
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer i && parent instanceof ArrayNode array && i < array.size()) {
            array.remove(i);
        } else if (last instanceof String field && parent instanceof ObjectNode object) {
            object.remove(field);
        } else {
            throw new IllegalArgumentException("path " + path + " does not fit the theme");
        }
    }
}
