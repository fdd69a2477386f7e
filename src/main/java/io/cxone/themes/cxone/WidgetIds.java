package io.cxone.themes.cxone;

/** The shape of a CXone widget id we accept in paths: checked before it reaches an upstream URL. */
public final class WidgetIds {
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";
    public static final String MESSAGE = "must be 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";

    private WidgetIds() {
    }
}
