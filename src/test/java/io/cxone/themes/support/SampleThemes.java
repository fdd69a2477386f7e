package io.cxone.themes.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cxone.themes.theme.Button;
import io.cxone.themes.theme.ButtonPosition;
import io.cxone.themes.theme.Font;
import io.cxone.themes.theme.Theme;

/** The brief's "Enterprise Dark Mode" sample (SPEC section 1) as a model object and as mutable JSON maps. */
public final class SampleThemes {
    private SampleThemes() {
    }

    public static Theme enterpriseDarkMode() {
        return new Theme("Enterprise Dark Mode", "#1A1A1A", "#00E676", new Font("Inter", 14, 500, "#FFFFFF"),
                List.of(new Button("Start Chat", "#00E676", "#000000", ButtonPosition.CENTER, null),
                        new Button("Browse FAQ", "#2C2C2C", "#E0E0E0", ButtonPosition.LEFT, null)),
                8, 360, null);
    }

    /** A fresh, mutable JSON map of the sample: tests change fields and send it. */
    public static Map<String, Object> enterpriseDarkModeJson() {
        Map<String, Object> font = new LinkedHashMap<>();
        font.put("family", "Inter");
        font.put("sizePx", 14);
        font.put("weight", 500);
        font.put("color", "#FFFFFF");
        List<Object> buttons = new ArrayList<>();
        buttons.add(button("Start Chat", "#00E676", "#000000", "center"));
        buttons.add(button("Browse FAQ", "#2C2C2C", "#E0E0E0", "left"));
        Map<String, Object> theme = new LinkedHashMap<>();
        theme.put("name", "Enterprise Dark Mode");
        theme.put("backgroundColor", "#1A1A1A");
        theme.put("primaryColor", "#00E676");
        theme.put("font", font);
        theme.put("buttons", buttons);
        theme.put("borderRadiusPx", 8);
        theme.put("maxWidthPx", 360);
        return theme;
    }

    public static Map<String, Object> button(String label, String color, String textColor, String position) {
        Map<String, Object> button = new LinkedHashMap<>();
        button.put("label", label);
        button.put("color", color);
        button.put("textColor", textColor);
        button.put("position", position);
        return button;
    }
}
