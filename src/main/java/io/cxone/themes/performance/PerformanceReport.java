package io.cxone.themes.performance;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code GET /api/v1/widgets/{widgetId}/performance}: each metric summarised overall and per theme version. */
public record PerformanceReport(String widgetId, String from, String to, String unit, Map<String, MetricSummary> metrics,
        List<ByTheme> byTheme) {

    /**
     * The days on which one CXone theme was live, linked to the publication (theme and version) that made it when
     * it was ours; {@code cxoneThemeId} null groups the days with no theme.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ByTheme(String cxoneThemeId, String publicationId, String themeId, Integer version,
            Map<String, MetricSummary> metrics) {
    }
}
