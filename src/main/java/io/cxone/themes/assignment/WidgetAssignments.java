package io.cxone.themes.assignment;

import java.util.List;

/** A widget's complete assignment list, gathered from every CXone page. */
public record WidgetAssignments(String widgetId, int total, List<AssignmentView> items) {
}
