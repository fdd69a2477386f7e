package io.cxone.themes.channels;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.cxone.themes.jobs.JobStateGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * {@code channels.watches{state}} (every watch by state, from the shared database: take {@code max} across
 * instances) and {@code channels.checks{outcome}} (checks this instance ran: the state the look was found in, or
 * {@code fetch_failed}).
 */
@ApplicationScoped
class ChannelMetrics {
    static final String FETCH_FAILED = "fetch_failed";
    static final List<String> OUTCOMES = List.of(Watch.PASSING, Watch.FAILING, Watch.DRIFTED, FETCH_FAILED);

    private final MeterRegistry registry;
    private final Vertx vertx;
    private final Pool pool;

    ChannelMetrics(MeterRegistry registry, Vertx vertx, Pool pool) {
        this.registry = registry;
        this.vertx = vertx;
        this.pool = pool;
    }

    void start(@Observes StartupEvent event) {
        JobStateGauges.register(registry, vertx, pool, "channels.watches", "channel_watches", Watch.STATES,
                Duration.ofSeconds(15));
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
