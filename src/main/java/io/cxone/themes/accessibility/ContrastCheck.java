package io.cxone.themes.accessibility;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One colour pair checked against one success criterion. {@code ratio} is unrounded; {@code suggestion} is present
 * exactly when the pair fails; {@code vision} gives the ratio as seen with each colour vision deficiency (informative:
 * WCAG does not require it).
 */
public record ContrastCheck(String pair, String foreground, String background, double ratio, double required,
        String criterion, Severity severity, boolean passes, Suggestion suggestion,
        @JsonInclude(JsonInclude.Include.NON_NULL) VisionRatios vision) {

    /** A check without colour vision ratios. */
    public ContrastCheck(String pair, String foreground, String background, double ratio, double required,
            String criterion, Severity severity, boolean passes, Suggestion suggestion) {
        this(pair, foreground, background, ratio, required, criterion, severity, passes, suggestion, null);
    }

    /** An {@code error} fails validation; a {@code warning} is reported only. */
    public enum Severity {
        error, warning
    }
}
