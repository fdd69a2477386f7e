package io.cxone.themes.simulator;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** The shape check CXone applies to a submitted theme (snake_case): required fields, types and #RRGGBB colours. */
final class ThemeShape {
    private static final Set<String> POSITIONS = Set.of("left", "right", "center");

    private ThemeShape() {
    }

    /** The field errors of a create-theme body; empty when it is acceptable. */
    static List<WireError> check(JsonNode body) {
        JsonChecks c = new JsonChecks();
        String id = c.string(body, "", "id", 36, true);
        if (id != null && !isUuid(id)) {
            c.add("id", "must be a UUID");
        }
        c.string(body, "", "version_tag", 100, true);
        c.string(body, "", "name", 100, true);
        c.color(body, "", "background_color");
        c.color(body, "", "primary_color");
        JsonNode font = c.object(body, "", "font", true);
        if (font != null) {
            c.string(font, "font", "family", 100, true);
            c.integer(font, "font", "size_px", 1, 200);
            c.integer(font, "font", "weight", 1, 1000);
            c.color(font, "font", "color");
        }
        JsonNode buttons = c.array(body, "buttons", 1, 3);
        for (int i = 0; buttons != null && i < buttons.size(); i++) {
            String path = "buttons[" + i + "]";
            JsonNode button = buttons.get(i);
            if (!button.isObject()) {
                c.add(path, "must be an object");
                continue;
            }
            c.string(button, path, "label", 100, true);
            c.color(button, path, "color");
            c.color(button, path, "text_color");
            String position = c.string(button, path, "position", 10, true);
            if (position != null && !POSITIONS.contains(position)) {
                c.add(path + ".position", "must be left, right or center");
            }
            String icon = c.string(button, path, "icon_url", 2048, false);
            if (icon != null && !icon.startsWith("https://")) {
                c.add(path + ".icon_url", "must be an https:// URL");
            }
        }
        c.integer(body, "", "border_radius_px", 0, 1000);
        c.integer(body, "", "max_width_px", 1, 10_000);
        JsonNode header = c.object(body, "", "header", false);
        if (header != null) {
            c.color(header, "header", "background_color");
            c.color(header, "header", "text_color");
        }
        return c.errors();
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
