package io.cxone.themes.cxone;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The CXone wire format (snake_case). Unknown upstream fields are ignored on purpose: CXone may add fields, and that
 * must not break us.
 */
public final class WireDtos {
    private WireDtos() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CxoneFont(String family, Integer sizePx, Integer weight, String color) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CxoneButton(String label, String color, String textColor, String position, String iconUrl) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CxoneHeader(String backgroundColor, String textColor) {
    }

    /** The body of a theme submission: the theme plus our client-generated id and the immutable version tag. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CxoneTheme(String id, String versionTag, String name, String backgroundColor, String primaryColor,
            CxoneFont font, List<CxoneButton> buttons, Integer borderRadiusPx, Integer maxWidthPx, CxoneHeader header) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CreatedTheme(String id, String versionTag, String state) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ThemeStatus(String themeId, String state, String errorMessage, String updatedAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CxoneAssignment(String themeId, String segmentId, String geoRegion, double trafficWeight) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssignmentPage(List<CxoneAssignment> items, int page, int pageSize, int totalPages, int totalItems) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssignmentsRequest(String widgetId, List<CxoneAssignment> assignments, String strategy) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BatchSyncRequest(List<String> widgetIds, String targetThemeId, boolean overrideExisting) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SyncResult(String widgetId, String status, String error) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BatchSyncResponse(List<SyncResult> results) {
    }

    /**
     * One theme's analytics on one widget over an interval: samples and each metric's p95 (ms; a metric is absent or
     * null while there are no samples). Our assumption of CXone's shape, spoken by the simulator (docs/governance.md).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ThemePerformance(String widgetId, String themeId, String startTime, String endTime, long samples,
            java.util.Map<String, Long> p95) {
    }
}
