package io.cxone.themes.preview;

/** One theme on a page: an optional caption (e.g. "v3" in a comparison), what to draw and its report. */
public record PreviewPanel(String label, ThemeView theme, ReportView report) {
}
