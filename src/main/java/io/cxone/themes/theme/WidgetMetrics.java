package io.cxone.themes.theme;

/**
 * The widget's fixed measures that the target-size rule (SC 2.5.8) needs, the same numbers the preview's stylesheet
 * draws with ({@code templates/tags/previewCss.html}: {@code .chat} line-height, {@code .btn} padding);
 * {@code WidgetMetricsTest} fails when the two part.
 */
public final class WidgetMetrics {
    /** The chat window's line height (a multiple of the font size); a button inherits it. */
    public static final double LINE_HEIGHT = 1.4;
    /** A button's padding above and below its label. */
    public static final int BUTTON_PADDING_Y_PX = 8;
    /** A button's padding left and right of its label. */
    public static final int BUTTON_PADDING_X_PX = 16;
    /** SC 2.5.8 (AA): a pointer target is at least this many CSS px wide and high. */
    public static final int MIN_TARGET_PX = 24;

    private WidgetMetrics() {
    }

    /** A button's height as drawn: its font size × the line height + the padding above and below. */
    public static double buttonHeightPx(int fontSizePx) {
        return fontSizePx * LINE_HEIGHT + 2 * BUTTON_PADDING_Y_PX;
    }

    /** The least width of a button as drawn (the padding alone; its label only adds to it). */
    public static int buttonMinWidthPx() {
        return 2 * BUTTON_PADDING_X_PX;
    }
}
