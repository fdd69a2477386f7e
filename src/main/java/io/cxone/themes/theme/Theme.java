package io.cxone.themes.theme;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.Range;

import io.cxone.themes.text.HumanName;
import io.cxone.themes.text.HumanNames;
import io.cxone.themes.theme.constraint.HexColor;

/**
 * A web messaging theme (SPEC section 1). Colours are canonical {@code #RRGGBB}; texts are trimmed; the name follows
 * the one rule for stored names ({@link HumanNames}).
 */
public record Theme(
        @NotNull(message = "is required") @HumanName(min = 3, max = 100) String name,
        @NotNull(message = "is required") @HexColor String backgroundColor,
        @NotNull(message = "is required") @HexColor String primaryColor,
        @NotNull(message = "is required") @Valid Font font,
        @NotNull(message = "is required") @Size(min = 1, max = 3, message = "must have 1 to 3 buttons")
        List<@NotNull(message = "is required") @Valid Button> buttons,
        @NotNull(message = "is required") @Range(min = 0, max = 16, message = "must be between 0 and 16") Integer borderRadiusPx,
        @NotNull(message = "is required") @Range(min = 280, max = 420, message = "must be between 280 and 420") Integer maxWidthPx,
        @Valid Header header) {

    public Theme {
        name = HumanNames.strip(name);
        backgroundColor = HexColors.normalize(backgroundColor);
        primaryColor = HexColors.normalize(primaryColor);
        buttons = buttons == null ? null : Collections.unmodifiableList(new ArrayList<>(buttons));
    }
}
