package io.cxone.themes.assignment;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The variant a visitor gets, the group it came from and the visitor's bucket in [0, 1). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resolution(String widgetId, String visitorId, UUID publicationId, UUID cxoneThemeId, String segmentId,
        String geoRegion, double trafficWeight, double bucket) {
}
