package io.cxone.themes.accessibility;

/**
 * One colour pair checked against one success criterion. {@code ratio} is unrounded; {@code suggestion} is present
 * exactly when the pair fails.
 */
public record ContrastCheck(String pair, String foreground, String background, double ratio, double required,
        String criterion, Severity severity, boolean passes, Suggestion suggestion) {

    /** An {@code error} fails validation; a {@code warning} is reported only. */
    public enum Severity {
        error, warning
    }
}
