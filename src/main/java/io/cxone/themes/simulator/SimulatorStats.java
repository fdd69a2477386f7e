package io.cxone.themes.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Singleton;

/** Counters behind {@code GET /simulator/admin/stats}; lock-free so that counting never slows the hot path. */
@Singleton
public class SimulatorStats {
    static final String DROPPED = "dropped";

    private final Map<String, Map<String, LongAdder>> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> themesPerWidget = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> batchSyncPerWidget = new ConcurrentHashMap<>();
    private final LongAdder tokensIssued = new LongAdder();
    private final LongAdder earlyRetries = new LongAdder();
    private final LongAdder droppedResponses = new LongAdder();
    private final Capacity capacity;

    public SimulatorStats(Capacity capacity) {
        this.capacity = capacity;
    }

    /** Counts one answer (or {@link #DROPPED}) for a route such as {@code POST /oauth/token}. */
    void request(String route, String outcome) {
        requests.computeIfAbsent(route, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> new LongAdder()).increment();
        if (DROPPED.equals(outcome)) {
            droppedResponses.increment();
        }
    }

    void tokenIssued() {
        tokensIssued.increment();
    }

    void themeCreated(String widgetId) {
        count(themesPerWidget, widgetId);
    }

    void batchSyncApplied(String widgetId) {
        count(batchSyncPerWidget, widgetId);
    }

    // per-widget counters stop taking new widgets at the bound instead of failing the call they count
    private void count(Map<String, LongAdder> counters, String widgetId) {
        if (capacity.fits(counters, widgetId)) {
            counters.computeIfAbsent(widgetId, w -> new LongAdder()).increment();
        }
    }

    void earlyRetry() {
        earlyRetries.increment();
    }

    void clear() {
        requests.clear();
        themesPerWidget.clear();
        batchSyncPerWidget.clear();
        tokensIssued.reset();
        earlyRetries.reset();
        droppedResponses.reset();
    }

    /** The admin document; sorted maps so that it reads the same on every call. */
    Map<String, Object> snapshot(Faults faults) {
        Map<String, Object> requestCounts = new TreeMap<>();
        requests.forEach((route, outcomes) -> requestCounts.put(route, sums(outcomes)));
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("requests", requestCounts);
        out.put("tokensIssued", tokensIssued.sum());
        out.put("themesPerWidget", sums(themesPerWidget));
        out.put("batchSyncApplicationsPerWidget", sums(batchSyncPerWidget));
        out.put("earlyRetries", earlyRetries.sum());
        out.put("droppedResponses", droppedResponses.sum());
        out.put("faults", faults);
        return out;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((key, adder) -> out.put(key, adder.sum()));
        return out;
    }
}
