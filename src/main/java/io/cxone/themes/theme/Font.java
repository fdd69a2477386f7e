package io.cxone.themes.theme;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.Range;

import io.cxone.themes.theme.constraint.HexColor;
import io.cxone.themes.theme.constraint.MultipleOf;

/** The chat window's text: family from an allow-list pattern, size in px, weight, colour. */
public record Font(
        @NotNull(message = "is required") @Size(min = 1, max = 100, message = "must be 1 to 100 characters")
        @Pattern(regexp = TextRules.FONT_FAMILY, message = "must be a comma-separated list of font family names (letters, digits, space, - and _, optionally quoted)")
        String family,
        @NotNull(message = "is required") @Range(min = 12, max = 24, message = "must be between 12 and 24") Integer sizePx,
        @NotNull(message = "is required") @Range(min = 100, max = 900, message = "must be between 100 and 900") @MultipleOf(100) Integer weight,
        @NotNull(message = "is required") @HexColor String color) {

    public Font {
        family = TextRules.strip(family);
        color = HexColors.normalize(color);
    }
}
