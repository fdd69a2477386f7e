package io.cxone.themes.preview;

/**
 * A button as the templates draw it: every value already passed {@link SafeValues}; the label is escaped by Qute. The
 * hover colours are the rest colours when the theme names none (the button does not change under the pointer).
 */
public record ButtonView(int index, String label, String color, String textColor, String position, String iconUrl,
        boolean iconBlocked, String hoverColor, String hoverTextColor) {

    /** The contrast pair this button's label is checked as, so the page can be matched to the report. */
    public String pair() {
        return "buttons[" + index + "].textColor/buttons[" + index + "].color";
    }

    /** The pair the label is checked as under the pointer: the hover pair when the theme has one, else the rest pair. */
    public String hoverPair() {
        return hoverColor.equals(color) && hoverTextColor.equals(textColor) ? pair()
                : "buttons[" + index + "].hover.textColor/buttons[" + index + "].hover.color";
    }
}
