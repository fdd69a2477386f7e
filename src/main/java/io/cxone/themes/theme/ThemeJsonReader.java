package io.cxone.themes.theme;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.web.JsonPaths;
import io.cxone.themes.web.StrictJsonCustomizer;

/**
 * Reads a theme from a JSON tree and collects every structural problem (unknown field, wrong type) with its path,
 * instead of stopping at the first as data binding would, so a portal can show all of them at once.
 * <p>
 * The work is bounded by the model, not by the input: past {@link #MAX_BUTTONS} buttons the rest is one error and is
 * not read, a string longer than any field takes ({@link #MAX_TEXT}) is refused before any pattern looks at it, and an
 * object lists at most {@link #MAX_UNKNOWN_FIELDS} unknown fields (then one error counting the rest).
 */
public final class ThemeJsonReader {
    /** SPEC section 1: a theme has 1 to 3 buttons. */
    public static final int MAX_BUTTONS = 3;
    /** The longest text any field takes (an icon URL, 2048 characters). */
    public static final int MAX_TEXT = 2048;
    static final int MAX_UNKNOWN_FIELDS = 10;

    private static final Set<String> THEME_FIELDS = Set.of("name", "backgroundColor", "primaryColor", "font", "buttons",
            "borderRadiusPx", "maxWidthPx", "header", "focusIndicator", "launcher");
    private static final Set<String> FONT_FIELDS = Set.of("family", "sizePx", "weight", "color");
    private static final Set<String> BUTTON_FIELDS = Set.of("label", "color", "textColor", "position", "iconUrl", "hover");
    private static final Set<String> HEADER_FIELDS = Set.of("backgroundColor", "textColor");
    private static final Set<String> FOCUS_FIELDS = Set.of("color", "widthPx");
    private static final Set<String> HOVER_FIELDS = Set.of("color", "textColor");
    private static final Set<String> LAUNCHER_FIELDS = Set.of("sizePx");

    /** The theme as far as it could be read (unreadable fields are null) and the structural errors found. */
    public record Result(Theme theme, List<FieldError> errors) {
    }

    private ThemeJsonReader() {
    }

    /** @throws ApiException 400 when the body is missing or not a JSON object */
    public static Result read(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw ApiException.badRequest("$", ErrorCode.REQUIRED, "a theme object is required as the body");
        }
        if (!root.isObject()) {
            throw ApiException.badRequest("$", ErrorCode.TYPE, "the body must be a JSON object, not " + root.getNodeType().name().toLowerCase());
        }
        List<FieldError> errors = new ArrayList<>();
        Obj theme = new Obj(root, "", THEME_FIELDS, errors);
        Obj font = theme.object("font", FONT_FIELDS);
        Obj header = theme.object("header", HEADER_FIELDS);
        Obj focus = theme.object("focusIndicator", FOCUS_FIELDS);
        Obj launcher = theme.object("launcher", LAUNCHER_FIELDS);
        List<Button> buttons = null;
        JsonNode buttonsNode = theme.array("buttons");
        if (buttonsNode != null) {
            buttons = new ArrayList<>();
            if (buttonsNode.size() > MAX_BUTTONS) {
                // one error, not thousands of button validations: only the first three are read and checked
                errors.add(new FieldError(theme.path("buttons"), ErrorCode.SIZE, "must have 1 to 3 buttons, not "
                        + buttonsNode.size() + "; remove the extra ones (only the first 3 were checked)"));
            }
            for (int i = 0; i < Math.min(buttonsNode.size(), MAX_BUTTONS); i++) {
                buttons.add(readButton(buttonsNode.get(i), theme.path("buttons") + "[" + i + "]", errors));
            }
        }
        Theme result = new Theme(theme.string("name"), theme.string("backgroundColor"), theme.string("primaryColor"),
                font == null ? null : new Font(font.string("family"), font.integer("sizePx"), font.integer("weight"), font.string("color")),
                buttons, theme.integer("borderRadiusPx"), theme.integer("maxWidthPx"),
                header == null ? null : new Header(header.string("backgroundColor"), header.string("textColor")),
                focus == null ? null : new FocusIndicator(focus.string("color"), focus.integer("widthPx")),
                launcher == null ? null : new Launcher(launcher.integer("sizePx")));
        return new Result(result, errors);
    }

    private static Button readButton(JsonNode node, String path, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(path, ErrorCode.TYPE, "must be an object"));
            return null;
        }
        Obj button = new Obj(node, path, BUTTON_FIELDS, errors);
        String position = button.string("position");
        ButtonPosition parsed = null;
        if (position != null) {
            parsed = ButtonPosition.parse(position).orElse(null);
            if (parsed == null) {
                errors.add(new FieldError(button.path("position"), ErrorCode.ENUM, "must be one of left, right, center"));
            }
        }
        Obj hover = button.object("hover", HOVER_FIELDS);
        return new Button(button.string("label"), button.string("color"), button.string("textColor"), parsed,
                button.string("iconUrl"), hover == null ? null : new Hover(hover.string("color"), hover.string("textColor")));
    }

    /** A JSON object at a path, with typed accessors that record type errors and return null. */
    private record Obj(JsonNode node, String base, Set<String> allowed, List<FieldError> errors) {
        Obj {
            int unknown = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                String field = it.next().getKey();
                if (!allowed.contains(field) && ++unknown <= MAX_UNKNOWN_FIELDS) {
                    errors.add(new FieldError(JsonPaths.child(base, field), ErrorCode.UNKNOWN_FIELD,
                            "unknown field; allowed here: " + String.join(", ", allowed.stream().sorted().toList())));
                }
            }
            if (unknown > MAX_UNKNOWN_FIELDS) {
                errors.add(new FieldError(base.isEmpty() ? "$" : base, ErrorCode.UNKNOWN_FIELD, (unknown - MAX_UNKNOWN_FIELDS)
                        + " more unknown fields not listed; send only the fields of a theme"));
            }
        }

        String path(String field) {
            return JsonPaths.child(base, field);
        }

        private JsonNode present(String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value;
        }

        String string(String field) {
            JsonNode value = present(field);
            if (value == null) {
                return null;
            }
            if (!value.isTextual()) {
                errors.add(new FieldError(path(field), ErrorCode.TYPE, "must be a string"));
                return null;
            }
            if (value.textValue().length() > MAX_TEXT) {
                // refused before any constraint's pattern runs over it; the answer names the length, never echoes it
                errors.add(new FieldError(path(field), ErrorCode.SIZE, "is " + value.textValue().length()
                        + " characters long; no field takes more than " + MAX_TEXT));
                return null;
            }
            return value.textValue();
        }

        Integer integer(String field) {
            JsonNode value = present(field);
            if (value == null) {
                return null;
            }
            // the service's one rule for whole numbers: a JSON integer (14.5, 14.0, 1.4e1 and "14" are not)
            Integer whole = StrictJsonCustomizer.wholeNumber(value);
            if (whole == null) {
                errors.add(new FieldError(path(field), ErrorCode.TYPE, "must be a whole number"));
            }
            return whole;
        }

        JsonNode array(String field) {
            JsonNode value = present(field);
            if (value != null && !value.isArray()) {
                errors.add(new FieldError(path(field), ErrorCode.TYPE, "must be an array"));
                return null;
            }
            return value;
        }

        Obj object(String field, Set<String> fields) {
            JsonNode value = present(field);
            if (value == null) {
                return null;
            }
            if (!value.isObject()) {
                errors.add(new FieldError(path(field), ErrorCode.TYPE, "must be an object"));
                return null;
            }
            return new Obj(value, path(field), fields, errors);
        }
    }
}
