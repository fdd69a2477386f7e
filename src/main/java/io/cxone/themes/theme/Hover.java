package io.cxone.themes.theme;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxone.themes.theme.constraint.HexColor;

/**
 * A button's colours while the pointer is over it (SPEC section 1, "Beyond text pairs"). Optional: without one the
 * button keeps its rest colours ({@link Button#hoverOrRest()}).
 */
@Schema(description = "A button's colours under the pointer; absent: the rest colours.")
public record Hover(
        @Schema(example = "#00C853") @NotNull(message = "is required") @HexColor String color,
        @Schema(example = "#000000") @NotNull(message = "is required") @HexColor String textColor) {

    public Hover {
        color = HexColors.normalize(color);
        textColor = HexColors.normalize(textColor);
    }
}
