package io.cxone.themes.rollout;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a stage must show to let the variant go on: each variant p95 at most its factor times the control's, at least
 * {@code minSamples} samples on each side, and (when asked) every live channel watch linked to the theme passing.
 */
@Schema(description = "The gate every stage passes before the variant gets more traffic")
public record Gates(
        @Schema(description = "Variant theme_load_time p95 at most this many times the control's", defaultValue = "1.2",
                minimum = "1") double themeLoadP95,
        @Schema(description = "Variant render_duration p95 at most this many times the control's", defaultValue = "1.2",
                minimum = "1") double renderP95,
        @Schema(description = "Variant first_paint p95 at most this many times the control's", defaultValue = "1.2",
                minimum = "1") double firstPaintP95,
        @Schema(description = "Samples each of control and variant needs in a stage's window", defaultValue = "200",
                minimum = "1") int minSamples,
        @Schema(description = "Every live channel watch linked to the theme must be passing", defaultValue = "false")
        boolean liveChannelPassing) {

    static final Gates DEFAULTS = new Gates(1.2, 1.2, 1.2, 200, false);
}
