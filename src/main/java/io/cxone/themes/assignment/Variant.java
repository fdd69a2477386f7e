package io.cxone.themes.assignment;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A checked variant; {@code cxoneThemeId} is known once its publication was looked up. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Variant(UUID publicationId, UUID cxoneThemeId, String segmentId, String geoRegion, double trafficWeight) {

    Variant withTheme(UUID themeId) {
        return new Variant(publicationId, themeId, segmentId, geoRegion, trafficWeight);
    }

    GroupKey group() {
        return new GroupKey(segmentId, geoRegion);
    }

    /** Variants with the same segment and region compete for the same visitors; their weights sum to 1. */
    record GroupKey(String segmentId, String geoRegion) {
        /** The error path naming the group, e.g. {@code groups[segment=vip,geo=EU]} or {@code groups[default]}. */
        String path() {
            if (segmentId == null && geoRegion == null) {
                return "groups[default]";
            }
            StringBuilder b = new StringBuilder("groups[");
            if (segmentId != null) {
                b.append("segment=").append(segmentId);
            }
            if (geoRegion != null) {
                b.append(segmentId != null ? "," : "").append("geo=").append(geoRegion);
            }
            return b.append(']').toString();
        }
    }
}
