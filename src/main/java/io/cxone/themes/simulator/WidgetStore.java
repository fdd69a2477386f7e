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

    /** From {@code at} on, the widget's visitors are split between themes by these shares (summing to 1). */
    record Shares(Instant at, Map<String, Double> byTheme) {
    }

    private final Map<String, List<Assignment>> assignments = new ConcurrentHashMap<>();
    private final Map<String, List<Shares>> traffic = new ConcurrentHashMap<>();
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
                .ifPresent(top -> changes(widgetId, top.themeId(), now));
        shares(widgetId, now, defaultGroupShares(list));
    }

    /** Analytics samples follow the default group (no segment, no region): the visitors every widget has. */
    private static Map<String, Double> defaultGroupShares(List<Assignment> list) {
        Map<String, Double> shares = new java.util.LinkedHashMap<>();
        list.stream().filter(a -> a.segmentId() == null && a.geoRegion() == null)
                .forEach(a -> shares.merge(a.themeId(), a.trafficWeight(), Double::sum));
        return shares;
    }

    /** Records that the widget shows {@code themeId} from {@code at} on (may lie in the future: a pending activation). */
    void becomes(String widgetId, String themeId, Instant at) {
        changes(widgetId, themeId, at);
        if (assignments(widgetId).isEmpty()) {
            // no split set: every visitor sees the new theme; with one, the assignment decides who sees what
            shares(widgetId, at, Map.of(themeId, 1.0));
        }
    }

    private void changes(String widgetId, String themeId, Instant at) {
        if (!capacity.fits(history, widgetId)) {
            return; // analytics then shows no theme for widgets past the bound; nothing else reads the history
        }
        List<Change> changes = history.computeIfAbsent(widgetId, w -> new CopyOnWriteArrayList<>());
        changes.add(new Change(at, themeId));
        if (changes.size() > MAX_CHANGES) {
            changes.remove(0); // the oldest change: analytics covers recent days
        }
    }

    private void shares(String widgetId, Instant at, Map<String, Double> byTheme) {
        if (!capacity.fits(traffic, widgetId)) {
            return;
        }
        List<Shares> list = traffic.computeIfAbsent(widgetId, w -> new CopyOnWriteArrayList<>());
        list.add(new Shares(at, Map.copyOf(byTheme)));
        if (list.size() > MAX_CHANGES) {
            list.remove(0);
        }
    }

    /**
     * The visitor-seconds {@code themeId} had on the widget in [from, to): each period's share of the theme times its
     * length. A change may lie in the future (a pending activation): periods are taken in time order.
     */
    double shareSeconds(String widgetId, String themeId, Instant from, Instant to) {
        List<Shares> sorted = new java.util.ArrayList<>(traffic.getOrDefault(widgetId, List.of()));
        sorted.sort(java.util.Comparator.comparing(Shares::at));
        double total = 0;
        for (int i = 0; i < sorted.size(); i++) {
            Instant start = max(sorted.get(i).at(), from);
            Instant end = i + 1 < sorted.size() ? min(sorted.get(i + 1).at(), to) : to;
            if (end.isAfter(start)) {
                total += sorted.get(i).byTheme().getOrDefault(themeId, 0.0)
                        * java.time.Duration.between(start, end).toNanos() / 1e9;
            }
        }
        return total;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
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
        traffic.clear();
    }
}
