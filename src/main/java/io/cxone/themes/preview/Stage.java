package io.cxone.themes.preview;

import java.util.List;

/** One host page the widget is shown on: a device width and a light or dark page background. */
public record Stage(String id, String device, String host, String caption) {
    static final List<Stage> ALL = List.of(
            new Stage("desktop-light", "desktop", "light", "Desktop, light page"),
            new Stage("desktop-dark", "desktop", "dark", "Desktop, dark page"),
            new Stage("mobile-light", "mobile", "light", "Mobile, light page"),
            new Stage("mobile-dark", "mobile", "dark", "Mobile, dark page"));
    /** Side by side there is room for the desktop window only. */
    static final List<Stage> COMPARE = List.of(ALL.get(0), ALL.get(1));
}
