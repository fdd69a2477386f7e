package io.cxone.themes.publish;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code publications.jobs{state}} (all publications by state, from the database), {@code publications.finished{state}}
 * (ACTIVE or FAILED, counted by the instance that finished the job) and {@code publications.activation.lag} (from CXone
 * accepting the theme to it being seen ACTIVE, with a histogram).
 */
@ApplicationScoped
class PublicationMetrics {
    private final MeterRegistry registry;

    PublicationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        for (Publication.State state : Publication.State.values()) {
            if (state.terminal()) {
                finished(state); // every series exists from the start: a rate over a series that appears late reads as 0
            }
        }
        lag();
    }

    /** A job was saved in {@code p}'s state: counted once, when it ends. */
    void saved(Publication p) {
        if (!p.progress().state().terminal()) {
            return;
        }
        finished(p.progress().state()).increment();
        if (p.activationMs() != null) {
            lag().record(Duration.ofMillis(p.activationMs()));
        }
    }

    /** A job the engine gave up on ended FAILED (its row may be unreadable: counted without it). */
    void failed() {
        finished(Publication.State.FAILED).increment();
    }

    private Counter finished(Publication.State state) {
        return Counter.builder("publications.finished").description("Publication jobs ended, by final state")
                .tag("state", state.name()).register(registry);
    }

    private Timer lag() {
        return Timer.builder("publications.activation.lag").description("From CXone accepting a theme to it being ACTIVE")
                .publishPercentileHistogram()
                // buckets between 5 ms and 2 min only: fewer series, the range CXone calls and activations take
                .minimumExpectedValue(java.time.Duration.ofMillis(5)).maximumExpectedValue(java.time.Duration.ofMinutes(2)).register(registry);
    }
}
