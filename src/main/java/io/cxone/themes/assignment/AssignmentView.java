package io.cxone.themes.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.cxone.themes.cxone.WireDtos.CxoneAssignment;

/** One variant of a widget's assignment list, as our API shows it (camelCase). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssignmentView(String themeId, String segmentId, String geoRegion, double trafficWeight) {

    static AssignmentView of(CxoneAssignment wire) {
        return new AssignmentView(wire.themeId(), wire.segmentId(), wire.geoRegion(), wire.trafficWeight());
    }
}
