package io.cxone.themes.rollout;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One gate read at the end of a stage's hold, kept in the rollout: both sides' figures, the watches' verdicts and, when
 * it did not pass, which gate and why.
 *
 * @param failed the gate that failed ({@code themeLoadP95}, {@code renderP95}, {@code firstPaintP95},
 *            {@code liveChannelPassing}) or {@code minSamples} when there were too few samples; null when it passed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateReading(int stage, int variantPercent, String since, Figures control, Figures variant,
        List<String> watches, String failed, String reason) {

    /** One side's samples and p95 per metric (ms; a metric may be null while there are no samples). */
    public record Figures(String cxoneThemeId, long samples, Map<String, Long> p95) {
    }
}
