package io.cxone.themes.simulator;

import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

/** Holds the current fault set and the random source that decides faults (seeded when the set carries a seed). */
@Singleton
public class FaultSettings {
    private record Active(Faults faults, Random random) {
    }

    private final Faults defaults;
    private final AtomicReference<Active> active = new AtomicReference<>();

    public FaultSettings(SimulatorConfig config) {
        this.defaults = Faults.defaults(config);
        set(defaults);
    }

    public Faults current() {
        return active.get().faults();
    }

    public Faults defaults() {
        return defaults;
    }

    public void set(Faults faults) {
        // java.util.Random is thread-safe; a fixed seed replays the same fault sequence for the same request sequence
        active.set(new Active(faults, faults.seed() == null ? new Random() : new Random(faults.seed())));
    }

    public void reset() {
        set(defaults);
    }

    /** True with the given probability; rates of 0 and 1 draw nothing, so they never disturb a seeded sequence. */
    public boolean chance(double rate) {
        if (rate <= 0) {
            return false;
        }
        return rate >= 1 || active.get().random().nextDouble() < rate;
    }

    public int nextInt(int bound) {
        return active.get().random().nextInt(bound);
    }
}
