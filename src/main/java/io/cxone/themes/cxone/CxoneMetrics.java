package io.cxone.themes.cxone;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * {@code cxone.requests}: every attempt at a CXone call (retries are attempts of their own), timed with a histogram,
 * tagged by {@code operation} (a fixed name per CxoneClient method) and {@code outcome} (success, rejected,
 * unauthorized, throttled, server-error, no-answer, timeout, error). Calls the breaker refused never reach CXone and
 * are not attempts: SmallRye Fault Tolerance's {@code ft.*} series count them, with retries and the breaker's state.
 * No widget id, theme id or token is ever a tag.
 */
@ApplicationScoped
public class CxoneMetrics {
    private final MeterRegistry registry;

    CxoneMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code attempt} timed from subscription to its end; a new timing per subscription (each retry). */
    <T> Uni<T> timed(String operation, Uni<T> attempt) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return attempt.onItemOrFailure().invoke((item, failure) -> timer(operation, outcome(failure))
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
    }

    private Timer timer(String operation, String outcome) {
        return Timer.builder("cxone.requests").description("Attempts at CXone calls by operation and outcome")
                .tag("operation", operation).tag("outcome", outcome).publishPercentileHistogram()
                // buckets between 5 ms and 2 min only: fewer series, the range CXone calls and activations take
                .minimumExpectedValue(java.time.Duration.ofMillis(5)).maximumExpectedValue(java.time.Duration.ofMinutes(2)).register(registry);
    }

    static String outcome(Throwable failure) {
        if (failure == null) {
            return "success";
        } else if (failure instanceof CxoneException.Throttled) {
            return "throttled";
        } else if (failure instanceof CxoneException.Unauthorized) {
            return "unauthorized";
        } else if (failure instanceof CxoneException.Rejected) {
            return "rejected";
        } else if (failure instanceof CxoneException.Transient t) {
            return t.code() == 0 ? "no-answer" : "server-error";
        } else if (failure instanceof TimeoutException) {
            return "timeout";
        }
        return "error";
    }
}
