package io.cxone.themes.assignment;

import java.time.Instant;
import java.util.List;

/** A widget's assignment as we recorded it after CXone accepted it. */
public record StoredAssignment(String widgetId, List<Variant> variants, Instant updatedAt, String updatedBy) {
}
