package io.cxone.themes.simulator;

import java.util.Map;

import jakarta.inject.Singleton;

/**
 * The one bound on the simulator's state (themes, widgets, channel overrides, per-widget counters): a simulator reachable
 * on a network must not be a way to fill the service's heap. Past the bound new keys are refused with 507; existing keys
 * keep working, and {@code POST /simulator/admin/reset} empties everything.
 */
@Singleton
public class Capacity {
    private final int maxEntries;

    public Capacity(SimulatorConfig config) {
        this.maxEntries = config.maxEntries();
    }

    /** Throws a 507 answer when {@code key} is new and {@code map} is full. */
    void admit(Map<?, ?> map, Object key, String what) {
        if (!fits(map, key)) {
            throw SimFailure.of(507, what, "the simulator holds its maximum of " + maxEntries + " " + what
                    + " entries (cxone.simulator.max-entries); POST /simulator/admin/reset to empty it");
        }
    }

    /** Whether {@code key} is already there or there is room for it (for counters that stop growing instead of failing). */
    boolean fits(Map<?, ?> map, Object key) {
        return map.size() < maxEntries || map.containsKey(key);
    }
}
