package io.cxone.themes.channels;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.channels.ChannelCheckSteps.Decision;
import io.cxone.themes.channels.ChannelCheckSteps.Failed;
import io.cxone.themes.channels.ChannelCheckSteps.Fetch;
import io.cxone.themes.channels.ChannelCheckSteps.Look;
import io.cxone.themes.db.AfterCommit;
import io.cxone.themes.jobs.JobKind;
import io.cxone.themes.jobs.JobTable;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.jobs.Next;
import io.cxone.themes.theme.draft.ThemeVersions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Channel checks as jobs of the engine. A watch is runnable when {@code next_check_at <= now()} (database clock) and
 * it is not parked. One unit is one check: the host's turn ({@link HostPacer}; a wait is a {@link Next#again}) → the
 * live look, fetched and analysed ({@link LiveLooks}) → one transaction ({@link WatchStore}) that
 * stores what {@link ChannelCheckSteps} decides, moves {@code next_check_at} an interval on and hands the lease back.
 * A failed fetch is the check's own business (counted; {@code unreachable} after a few); anything else that fails is a
 * failed attempt of the engine's, and a watch whose attempts run out is parked ({@link #giveUp}).
 */
@ApplicationScoped
class ChannelCheckKind implements JobKind<ChannelCheckKind.Check> {
    static final JobTable TABLE = new JobTable("channel_watches", "channel check", "next_check_at <= now() AND state <> '"
            + Watch.PARKED + "'", "next_check_at", "").withStateGauge("channels.watches", Watch.STATES);

    /** A watch being checked; {@code paced} once it has its turn at the channel host. */
    record Check(Watch watch, boolean paced) {
    }

    private final Pool pool;
    private final WatchStore store;
    private final LiveLooks looks;
    private final ThemeVersions versions;
    private final ChannelEvents events;
    private final ChannelMetrics metrics;
    private final ChannelJobSettings jobSettings;
    /** Looked up when a claimed row is read: see {@link LiveLooks}. */
    private final Instance<ObjectMapper> mappers;
    private final ChannelCheckSteps steps;
    private final HostPacer pacer;

    ChannelCheckKind(Pool pool, WatchStore store, LiveLooks looks, ThemeVersions versions, ChannelEvents events,
            ChannelMetrics metrics, ChannelSettings settings, ChannelJobSettings jobSettings,
            Instance<ObjectMapper> mappers) {
        this.pool = pool;
        this.store = store;
        this.looks = looks;
        this.versions = versions;
        this.events = events;
        this.metrics = metrics;
        this.jobSettings = jobSettings;
        this.mappers = mappers;
        // each call on the calling thread's generator: a ThreadLocalRandom must not be shared between threads
        this.steps = new ChannelCheckSteps(settings, () -> ThreadLocalRandom.current().nextLong());
        this.pacer = new HostPacer(settings.rate());
    }

    @Override
    public JobTable table() {
        return TABLE;
    }

    @Override
    public ChannelJobSettings settings() {
        return jobSettings;
    }

    /** The claimed row; one in a state this service never writes was edited by hand, and is parked at once. */
    @Override
    public Check claimed(Row row) {
        Watch watch = Watch.of(row, mappers.get());
        if (!Watch.STATES.contains(watch.state())) {
            throw new IllegalStateException("state '" + watch.state() + "' is none of " + Watch.STATES);
        }
        return new Check(watch, false);
    }

    @Override
    public String spanName(Check job) {
        return "channel.check";
    }

    @Override
    public Uni<Next<Check>> run(Check check, Lease lease) {
        Watch watch = check.watch();
        String host;
        try {
            host = looks.url(watch).getHost();
        } catch (RuntimeException refused) { // the domain is no longer allowed (configuration changed): a failed fetch
            return record(watch, lease, ChannelCheckSteps.failed(refused));
        }
        if (!check.paced()) {
            Duration wait = pacer.reserve(host);
            if (!wait.isZero()) {
                return Uni.createFrom().item(Next.again(new Check(watch, true), wait)); // its turn is taken
            }
        }
        return looks.fetch(watch).invoke(fetch -> {
            if (fetch instanceof Failed f && f.retryAfter().isPresent()) {
                pacer.blockFor(host, f.retryAfter().get()); // the host asked: nothing to it from here till then
            }
        }).chain(fetch -> record(watch, lease, fetch));
    }

    /** Outcome of the check's transaction, for what is announced once it committed. */
    private record Recorded(Watch before, Decision decision, WatchStore.Stored<Check> stored) {
    }

    private Uni<Next<Check>> record(Watch claimed, Lease lease, Fetch fetch) {
        return pool.withTransaction(tx -> store.lockForCheck(tx, lease, claimed.id())
                .chain(current -> decide(tx, claimed, current, fetch)
                        .chain(d -> store.<Check>recordCheck(tx, lease, current, d, fetch instanceof Look l ? l : null)
                                .map(stored -> new Recorded(current, d, stored)))))
                .invoke(r -> {
                    metrics.checked(r.decision().outcome());
                    ChannelCheckSteps.events(r.before(), r.stored().watch(), r.decision()).forEach(events::publish);
                })
                .map(r -> r.stored().next());
    }

    /** The steps' decision, with what it needs from the database: the last snapshot and the linked draft. */
    private Uni<Decision> decide(SqlClient tx, Watch claimed, Watch current, Fetch fetch) {
        if (fetch instanceof Failed failed) {
            return Uni.createFrom().item(steps.failed(current, failed));
        }
        Look look = (Look) fetch;
        Uni<List<String>> drift = current.themeId() == null ? Uni.createFrom().item(List.of())
                : versions.find(tx, current.themeId(), null).map(found -> found.filter(f -> !f.deleted())
                        .flatMap(ThemeVersions.Found::version)
                        .map(v -> Verdict.drift(v.content(), look.mapped())).orElse(List.of()));
        return drift.chain(fields -> store.lastHash(tx, current.id())
                .map(last -> steps.seen(claimed, current, look, last, fields)));
    }

    /**
     * The engine gave up on the watch (its checks kept failing, or its row could not be read): parked with the reason
     * and audited in the engine's transaction; the state event and the metric follow once that commits.
     */
    @Override
    public Uni<Void> giveUp(SqlClient tx, UUID id, String reason) {
        return store.park(tx, id, reason).invoke(parked -> AfterCommit.run(tx, () -> {
            metrics.checked(ChannelMetrics.PARKED);
            events.publish(parked.event());
        })).replaceWithVoid();
    }
}
