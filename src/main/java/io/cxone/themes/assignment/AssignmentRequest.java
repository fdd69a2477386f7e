package io.cxone.themes.assignment;

import java.util.List;

/** The body of {@code PUT /api/v1/widgets/{widgetId}/assignments}. */
public record AssignmentRequest(List<VariantInput> variants) {

    /** One variant as sent; checked by {@link VariantRules} so that every error names its field. */
    public record VariantInput(String publicationId, String segmentId, String geoRegion, Double trafficWeight) {
    }
}
