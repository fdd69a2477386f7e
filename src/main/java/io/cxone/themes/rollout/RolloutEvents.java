package io.cxone.themes.rollout;

import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.jobs.JobSignals;
import io.cxone.themes.jobs.ProgressStream;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A rollout's progress as a stream ({@link ProgressStream}): the current rollout first, then each change of state,
 * stage, hold, command or gate reading (not the ticks of a hold, which change nothing a person follows); ends once it
 * is over (STALLED is not over: it waits for a person).
 */
@ApplicationScoped
class RolloutEvents {
    private final ProgressStream<Rollout> streams;
    private final Pool pool;
    private final RolloutStore store;

    RolloutEvents(Pool pool, RolloutStore store, Vertx vertx, JobSignals signals) {
        this.pool = pool;
        this.store = store;
        this.streams = new ProgressStream<>(vertx, signals, RolloutKind.TABLE,
                signals.streamRecheck(java.util.Optional.empty(), "app.jobs.stream-recheck"), r -> !r.live(),
                (last, next) -> !Objects.equals(progress(last), progress(next)));
    }

    private static java.util.List<Object> progress(Rollout r) {
        return java.util.Arrays.asList(r.state(), r.stage(), r.stageStartedAt(), r.holdExtensions(), r.command(),
                r.lastGate());
    }

    void publish(Rollout r) {
        streams.push(r.id(), r);
    }

    Multi<Rollout> stream(UUID id) {
        return streams.stream(id, () -> store.find(pool, id));
    }
}
