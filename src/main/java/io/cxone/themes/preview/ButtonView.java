package io.cxone.themes.preview;

/** A button as the templates draw it: every value already passed {@link SafeValues}; the label is escaped by Qute. */
public record ButtonView(int index, String label, String color, String textColor, String position, String iconUrl,
        boolean iconBlocked) {

    /** The contrast pair this button's label is checked as, so the page can be matched to the report. */
    public String pair() {
        return "buttons[" + index + "].textColor/buttons[" + index + "].color";
    }
}
