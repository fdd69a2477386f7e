package io.cxone.themes.theme;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.Range;

/**
 * The round button that opens the chat (SPEC section 1, "Beyond text pairs"). Optional: without one it is
 * {@link #DEFAULT_SIZE_PX} px ({@link Theme#launcherOrDefault()}). The lower bound is SC 2.5.8's 24 CSS px.
 */
@Schema(description = "The round launcher button; absent: 56 px.")
public record Launcher(
        @Schema(example = "56") @NotNull(message = "is required")
        @Range(min = MIN_SIZE_PX, max = MAX_SIZE_PX, message = "must be between 24 and 96") Integer sizePx) {

    public static final int MIN_SIZE_PX = 24;
    public static final int MAX_SIZE_PX = 96;
    /** The size the widget (and the preview) draws when a theme names none. */
    public static final int DEFAULT_SIZE_PX = 56;
}
