package io.cxone.themes.theme;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.Range;

import io.cxone.themes.theme.constraint.HexColor;

/**
 * The outline every focusable control of the widget draws while it has keyboard focus (SPEC section 1, "Beyond text
 * pairs"). Optional on a theme: without one the widget draws {@link #DEFAULT_WIDTH_PX} px in the primary colour
 * ({@link Theme#focusIndicatorOrDefault()}).
 */
@Schema(description = "The keyboard focus outline; absent: the primary colour, 2 px.")
public record FocusIndicator(
        @Schema(example = "#FFD54F") @NotNull(message = "is required") @HexColor String color,
        @Schema(example = "2") @NotNull(message = "is required")
        @Range(min = MIN_WIDTH_PX, max = MAX_WIDTH_PX, message = "must be between 1 and 4") Integer widthPx) {

    public static final int MIN_WIDTH_PX = 1;
    public static final int MAX_WIDTH_PX = 4;
    /** What the widget draws when a theme names no focus indicator; also the SC 2.4.13 minimum thickness. */
    public static final int DEFAULT_WIDTH_PX = 2;

    public FocusIndicator {
        color = HexColors.normalize(color);
    }
}
