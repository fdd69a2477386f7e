package io.cxone.themes.audit;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The audit chain as the checkpointer last saw it (about once a second, on every instance): {@code audit.head.sequence}
 * (its rate is the append rate), {@code audit.checkpoint.unanchored.events} (events after the latest signed
 * checkpoint) and {@code audit.checkpoint.age} (seconds since the latest checkpoint; NaN before the first). A stale
 * checkpoint matters only while events are unanchored: an idle trail needs no new checkpoint.
 */
@ApplicationScoped
class AuditGauges {
    private record Seen(long head, long anchored, Instant checkpointTime) {
    }

    private final AtomicReference<Seen> seen = new AtomicReference<>(new Seen(0, 0, null));

    AuditGauges(MeterRegistry registry) {
        Gauge.builder("audit.head.sequence", seen, s -> s.get().head()).description("Number of the newest audit event")
                .register(registry);
        Gauge.builder("audit.checkpoint.unanchored.events", seen, s -> s.get().head() - s.get().anchored())
                .description("Audit events after the latest signed checkpoint").register(registry);
        Gauge.builder("audit.checkpoint.age", seen, s -> s.get().checkpointTime() == null ? Double.NaN
                : (System.currentTimeMillis() - s.get().checkpointTime().toEpochMilli()) / 1000.0)
                .description("Seconds since the latest signed checkpoint").baseUnit("seconds").register(registry);
    }

    void observe(long headSeq, Checkpoint latest) {
        seen.set(new Seen(headSeq, latest == null ? 0 : latest.seq(), latest == null ? null : latest.time()));
    }
}
