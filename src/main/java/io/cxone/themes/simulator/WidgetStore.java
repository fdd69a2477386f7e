package io.cxone.themes.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Per-widget state: the assignment list and the history of which theme became current when. */
@Singleton
public class WidgetStore {
    /** Changes kept per widget. */
    static final int MAX_CHANGES = 1000;

    /** One stored assignment, as answered on the wire. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Assignment(String themeId, String segmentId, String geoRegion, double trafficWeight) {
    }

    /** From {@code at} on, {@code themeId} is the widget's theme (activation, assignment or batch sync). */
    private record Change(Instant at, String themeId) {
    }

    private final Map<String, List<Assignment>> assignments = new ConcurrentHashMap<>();
    private final Map<String, List<Change>> history = new ConcurrentHashMap<>();
    private final Capacity capacity;

    public WidgetStore(Capacity capacity) {
        this.capacity = capacity;
    }

    List<Assignment> assignments(String widgetId) {
        return assignments.getOrDefault(widgetId, List.of());
    }

    void replaceAssignments(String widgetId, List<Assignment> list, Instant now) {
        capacity.admit(assignments, widgetId, "widgets");
        assignments.put(widgetId, List.copyOf(list));
        // the heaviest variant stands for the widget in analytics and batch sync
        list.stream().max(java.util.Comparator.comparingDouble(Assignment::trafficWeight))
                .ifPresent(top -> becomes(widgetId, top.themeId(), now));
    }

    /** Records that the widget shows {@code themeId} from {@code at} on (may lie in the future: a pending activation). */
    void becomes(String widgetId, String themeId, Instant at) {
        if (!capacity.fits(history, widgetId)) {
            return; // analytics then shows no theme for widgets past the bound; nothing else reads the history
        }
        List<Change> changes = history.computeIfAbsent(widgetId, w -> new CopyOnWriteArrayList<>());
        changes.add(new Change(at, themeId));
        if (changes.size() > MAX_CHANGES) {
            changes.remove(0); // the oldest change: analytics covers recent days
        }
    }

    /** The theme the widget shows at {@code when}: the latest change not after it; null when there is none. */
    String themeAt(String widgetId, Instant when) {
        Change best = null;
        for (Change change : history.getOrDefault(widgetId, List.of())) {
            if (!change.at().isAfter(when) && (best == null || !change.at().isBefore(best.at()))) {
                best = change;
            }
        }
        return best == null ? null : best.themeId();
    }

    void clear() {
        assignments.clear();
        history.clear();
    }
}
