package io.cxone.themes.theme;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.cxone.themes.theme.constraint.HexColor;
import io.cxone.themes.theme.constraint.HttpsUrl;

/** A chat window button: label, fill, label colour, position and an optional https icon. */
public record Button(
        @NotNull(message = "is required") @Size(min = 1, max = 30, message = "must be 1 to 30 characters")
        @Pattern(regexp = TextRules.NO_CONTROL, message = "must not contain control characters") String label,
        @NotNull(message = "is required") @HexColor String color,
        @NotNull(message = "is required") @HexColor String textColor,
        @NotNull(message = "is required") ButtonPosition position,
        @HttpsUrl String iconUrl) {

    public Button {
        label = TextRules.strip(label);
        color = HexColors.normalize(color);
        textColor = HexColors.normalize(textColor);
    }
}
