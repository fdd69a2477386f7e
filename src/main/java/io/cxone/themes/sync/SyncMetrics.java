package io.cxone.themes.sync;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code sync.jobs{state}} (all sync jobs by state, from the database), {@code sync.widgets{outcome}} (widget outcomes
 * recorded by this instance: synced, skipped, failed) and {@code sync.finished{state}} (jobs this instance ended).
 */
@ApplicationScoped
class SyncMetrics {
    static final List<String> STATES = List.of("QUEUED", "RUNNING", "SUCCEEDED", "COMPLETED_WITH_FAILURES", "FAILED");

    private final MeterRegistry registry;

    SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        for (String outcome : List.of(SyncStates.SYNCED, SyncStates.SKIPPED, SyncStates.FAILED)) {
            widgets(outcome); // every series exists from the start
        }
        STATES.subList(2, STATES.size()).forEach(this::finished);
    }

    void recorded(int synced, int skipped, int failed) {
        widgets(SyncStates.SYNCED).increment(synced);
        widgets(SyncStates.SKIPPED).increment(skipped);
        widgets(SyncStates.FAILED).increment(failed);
    }

    void ended(String state) {
        if (STATES.contains(state)) {
            finished(state).increment();
        }
    }

    private Counter widgets(String outcome) {
        return Counter.builder("sync.widgets").description("Widget outcomes recorded by sync jobs")
                .tag("outcome", outcome.toLowerCase(java.util.Locale.ROOT)).register(registry);
    }

    private Counter finished(String state) {
        return Counter.builder("sync.finished").description("Sync jobs ended, by final state").tag("state", state)
                .register(registry);
    }
}
