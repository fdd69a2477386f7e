package io.cxone.themes.theme;

import jakarta.validation.constraints.NotNull;

import io.cxone.themes.theme.constraint.HexColor;

/** The chat window's header bar (CXone's live window has one). */
public record Header(
        @NotNull(message = "is required") @HexColor String backgroundColor,
        @NotNull(message = "is required") @HexColor String textColor) {

    public Header {
        backgroundColor = HexColors.normalize(backgroundColor);
        textColor = HexColors.normalize(textColor);
    }
}
