package io.cxone.themes.theme;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.Range;

import io.cxone.themes.text.HumanName;
import io.cxone.themes.text.HumanNames;
import io.cxone.themes.theme.constraint.HexColor;

/**
 * A web messaging theme (SPEC section 1). Colours are canonical {@code #RRGGBB}; texts are trimmed; the name follows
 * the one rule for stored names ({@link HumanNames}). {@code header}, {@code focusIndicator}, {@code launcher} and each
 * button's {@code hover} are optional; an absent one stays absent (in storage, on the wire, in diffs), and the
 * {@code …OrDefault} accessors give what the widget draws instead.
 */
@Schema(description = "A web messaging theme (SPEC section 1): colours are #RRGGBB, 1 to 3 buttons.",
        example = Theme.EXAMPLE_JSON)
public record Theme(
        @Schema(example = "Enterprise Dark Mode") @NotNull(message = "is required") @HumanName(min = 3, max = 100) String name,
        @Schema(example = "#1A1A1A") @NotNull(message = "is required") @HexColor String backgroundColor,
        @Schema(example = "#00E676") @NotNull(message = "is required") @HexColor String primaryColor,
        @NotNull(message = "is required") @Valid Font font,
        @NotNull(message = "is required") @Size(min = 1, max = 3, message = "must have 1 to 3 buttons")
        List<@NotNull(message = "is required") @Valid Button> buttons,
        @Schema(example = "8") @NotNull(message = "is required") @Range(min = 0, max = 16, message = "must be between 0 and 16") Integer borderRadiusPx,
        @Schema(example = "360") @NotNull(message = "is required") @Range(min = 280, max = 420, message = "must be between 280 and 420") Integer maxWidthPx,
        @Valid Header header,
        @Valid FocusIndicator focusIndicator,
        @Valid Launcher launcher) {

    /** The brief's "Enterprise Dark Mode" theme (SPEC section 1), the example of the OpenAPI document. */
    public static final String EXAMPLE_JSON = "{\"name\": \"Enterprise Dark Mode\", \"backgroundColor\": \"#1A1A1A\", "
            + "\"primaryColor\": \"#00E676\", "
            + "\"font\": {\"family\": \"Inter\", \"sizePx\": 14, \"weight\": 500, \"color\": \"#FFFFFF\"}, "
            + "\"buttons\": [{\"label\": \"Start Chat\", \"color\": \"#00E676\", \"textColor\": \"#000000\", "
            + "\"position\": \"center\"}, {\"label\": \"Browse FAQ\", \"color\": \"#2C2C2C\", "
            + "\"textColor\": \"#E0E0E0\", \"position\": \"left\"}], \"borderRadiusPx\": 8, \"maxWidthPx\": 360}";

    public Theme {
        name = HumanNames.strip(name);
        backgroundColor = HexColors.normalize(backgroundColor);
        primaryColor = HexColors.normalize(primaryColor);
        buttons = buttons == null ? null : Collections.unmodifiableList(new ArrayList<>(buttons));
    }

    /** A theme without focus indicator and launcher fields, as every theme was before they existed. */
    public Theme(String name, String backgroundColor, String primaryColor, Font font, List<Button> buttons,
            Integer borderRadiusPx, Integer maxWidthPx, Header header) {
        this(name, backgroundColor, primaryColor, font, buttons, borderRadiusPx, maxWidthPx, header, null, null);
    }

    /**
     * The focus outline the widget draws: the theme's own, else {@link FocusIndicator#DEFAULT_WIDTH_PX} px in the
     * primary colour (whose contrast with the background is already the {@code primaryColor} check).
     */
    public FocusIndicator focusIndicatorOrDefault() {
        return focusIndicator != null ? focusIndicator
                : new FocusIndicator(primaryColor, FocusIndicator.DEFAULT_WIDTH_PX);
    }

    /** The launcher the widget draws: the theme's own, else {@link Launcher#DEFAULT_SIZE_PX} px. */
    public Launcher launcherOrDefault() {
        return launcher != null ? launcher : new Launcher(Launcher.DEFAULT_SIZE_PX);
    }
}
