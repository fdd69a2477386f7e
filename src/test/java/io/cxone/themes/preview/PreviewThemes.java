package io.cxone.themes.preview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cxone.themes.support.SampleThemes;

/** Themes for the browser tests, as mutable JSON maps, and the colour helper they compare computed styles with. */
final class PreviewThemes {
    private PreviewThemes() {
    }

    /** Valid, with a header of its own, all three positions, an icon, a quoted font family and a non-default radius. */
    static Map<String, Object> harbor() {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("name", "Harbor Light");
        theme.put("backgroundColor", "#F8FAFC");
        theme.put("primaryColor", "#0B5CAD");
        font(theme).put("family", "\"Open Sans\", Arial, sans-serif");
        font(theme).put("sizePx", 16);
        font(theme).put("weight", 400);
        font(theme).put("color", "#1E293B");
        List<Object> buttons = new ArrayList<>();
        buttons.add(SampleThemes.button("Start chat", "#0B5CAD", "#FFFFFF", "left"));
        Map<String, Object> faq = SampleThemes.button("FAQ", "#E2E8F0", "#0F172A", "center");
        faq.put("iconUrl", "https://cdn.example.com/icons/faq.svg");
        buttons.add(faq);
        buttons.add(SampleThemes.button("Call us", "#14532D", "#F0FDF4", "right"));
        theme.put("buttons", buttons);
        theme.put("borderRadiusPx", 12);
        theme.put("maxWidthPx", 380);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("backgroundColor", "#0F172A");
        header.put("textColor", "#F8FAFC");
        theme.put("header", header);
        return theme;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> font(Map<String, Object> theme) {
        return (Map<String, Object>) theme.get("font");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> button(Map<String, Object> theme, int index) {
        return (Map<String, Object>) ((List<Object>) theme.get("buttons")).get(index);
    }

    /** {@code #RRGGBB} as the browser reports a computed colour. */
    static String rgb(String hex) {
        int value = Integer.parseInt(hex.substring(1), 16);
        return "rgb(" + (value >> 16 & 0xFF) + ", " + (value >> 8 & 0xFF) + ", " + (value & 0xFF) + ")";
    }
}
