package io.cxone.themes.channels;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code channels.watches{state}} (every watch by state, from the shared database: take {@code max} across
 * instances) and {@code channels.checks{outcome}} (checks this instance ran: the state the look was found in,
 * {@code fetch_failed}, or {@code parked} when the engine gave up on the watch).
 */
@ApplicationScoped
class ChannelMetrics {
    static final String FETCH_FAILED = "fetch_failed";
    /** The engine gave up on the watch: its checks kept failing (not the fetch: something after it), or its row was unreadable. */
    static final String PARKED = Watch.PARKED;
    static final List<String> OUTCOMES = List.of(Watch.PASSING, Watch.FAILING, Watch.DRIFTED, FETCH_FAILED, PARKED);

    private final MeterRegistry registry;

    ChannelMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        OUTCOMES.forEach(this::checks); // every series exists from the start
    }

    void checked(String outcome) {
        checks(outcome).increment();
    }

    private Counter checks(String outcome) {
        return Counter.builder("channels.checks").description("Live channel checks run by this instance, by outcome")
                .tag("outcome", outcome).register(registry);
    }
}
