package io.cxone.themes.theme;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.cxone.themes.theme.constraint.HexColor;
import io.cxone.themes.theme.constraint.HttpsUrl;

/**
 * A chat window button: label, fill, label colour, position, an optional https icon and optional hover colours (absent:
 * the rest colours, {@link #hoverOrRest()}).
 */
public record Button(
        @NotNull(message = "is required") @Size(min = 1, max = 30, message = "must be 1 to 30 characters")
        @Pattern(regexp = TextRules.NO_CONTROL, message = "must not contain control characters") String label,
        @NotNull(message = "is required") @HexColor String color,
        @NotNull(message = "is required") @HexColor String textColor,
        @NotNull(message = "is required") ButtonPosition position,
        @HttpsUrl String iconUrl,
        @Valid Hover hover) {

    public Button {
        label = TextRules.strip(label);
        color = HexColors.normalize(color);
        textColor = HexColors.normalize(textColor);
    }

    /** A button without hover colours, as every button was before they existed. */
    public Button(String label, String color, String textColor, ButtonPosition position, String iconUrl) {
        this(label, color, textColor, position, iconUrl, null);
    }

    /** The colours under the pointer: the hover colours when given, else the rest colours (the button does not change). */
    public Hover hoverOrRest() {
        return hover != null ? hover : new Hover(color, textColor);
    }
}
