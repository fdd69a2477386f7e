package io.cxone.themes.rollout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code rollouts.started}, {@code rollouts.rolled.back}, {@code rollouts.promoted} (this instance's counts; the
 * alert {@code RolloutRolledBack} fires on the second) and {@code rollouts.state{state}} (every rollout by state,
 * counted in the database by the job engine: take {@code max} across instances).
 */
@ApplicationScoped
class RolloutMetrics {
    private final MeterRegistry registry;

    RolloutMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        started();
        rolledBack();
        promoted(); // every series exists from the start, so a rate() over it is defined
    }

    Counter started() {
        return Counter.builder("rollouts.started").description("Canary rollouts requested on this instance")
                .register(registry);
    }

    Counter rolledBack() {
        return Counter.builder("rollouts.rolled.back").description("Canary rollouts that failed a gate and went back "
                + "to the control on this instance").register(registry);
    }

    Counter promoted() {
        return Counter.builder("rollouts.promoted").description("Canary rollouts whose variant became the widget's "
                + "theme on this instance").register(registry);
    }

    /** The counter of a rollout that just ended in {@code state}, if it has one. */
    void ended(String state) {
        if (Rollout.ROLLED_BACK.equals(state)) {
            rolledBack().increment();
        } else if (Rollout.PROMOTED.equals(state)) {
            promoted().increment();
        }
    }
}
