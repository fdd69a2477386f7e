package io.cxone.themes.channels;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.accessibility.Level;
import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.cxone.CxoneException;
import io.cxone.themes.jobs.JobKind;
import io.cxone.themes.jobs.JobTable;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.jobs.LostLease;
import io.cxone.themes.jobs.Next;
import io.cxone.themes.text.Text;
import io.cxone.themes.theme.ThemeValidator;
import io.cxone.themes.theme.ValidationReport;
import io.cxone.themes.theme.draft.ThemeVersions;
import io.cxone.themes.livechannel.ChannelClient;
import io.cxone.themes.livechannel.ChannelMapping;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Channel checks as jobs of the engine: a watch is runnable when {@code next_check_at <= now()} (database clock); one
 * unit is one check: fetch the live look (paced per host, {@link HostPacer}) → map it as the import does → the
 * contrast report → compare its content hash with the last snapshot → one transaction behind the lease's fence: a
 * snapshot only when the look changed, the state, the failure count, {@code last_checked_at}, the next check
 * ({@code now() + interval + 0–10 % jitter}, so a thousand watches created together spread over the interval), the
 * lease released and the audit events. Because the one write moves {@code next_check_at} past now and releases the
 * lease together, no instance can claim the watch again within the interval.
 */
@ApplicationScoped
class ChannelCheckKind implements JobKind<Watch> {
    static final JobTable TABLE = new JobTable("channel_watches", "channel check", "next_check_at <= now()",
            "next_check_at", "");
    private static final Logger LOG = Logger.getLogger(ChannelCheckKind.class);
    private static final int MAX_REASON = 300;

    private final Pool pool;
    private final WatchStore store;
    private final ChannelClient channels;
    private final ThemeValidator validator;
    private final ThemeVersions versions;
    private final AuditLog audit;
    private final ChannelEvents events;
    private final ChannelMetrics metrics;
    private final ChannelSettings settings;
    private final ChannelJobSettings jobSettings;
    /** Quarkus's ObjectMapper, looked up when a check needs it: the engine makes this bean at start, readiness needs no
     * JSON mapper, and making the first one loads ~350 classes of Jackson. */
    private final Instance<ObjectMapper> mappers;
    private final HostPacer pacer;

    ChannelCheckKind(Pool pool, WatchStore store, ChannelClient channels, ThemeValidator validator,
            ThemeVersions versions, AuditLog audit, ChannelEvents events, ChannelMetrics metrics,
            ChannelSettings settings, ChannelJobSettings jobSettings, Instance<ObjectMapper> mappers) {
        this.pool = pool;
        this.store = store;
        this.channels = channels;
        this.validator = validator;
        this.versions = versions;
        this.audit = audit;
        this.events = events;
        this.metrics = metrics;
        this.settings = settings;
        this.jobSettings = jobSettings;
        this.mappers = mappers;
        this.pacer = new HostPacer(settings.rate());
    }

    @Override
    public JobTable table() {
        return TABLE;
    }

    @Override
    public Watch claimed(Row row) {
        return Watch.of(row, mappers.get());
    }

    @Override
    public ChannelJobSettings settings() {
        return jobSettings;
    }

    @Override
    public Uni<Void> giveUp(SqlClient tx, UUID id, String reason) {
        return tx.preparedQuery("UPDATE channel_watches SET parked_reason = $2, next_check_at = 'infinity' WHERE id = $1")
                .execute(Tuple.of(id, reason)).replaceWithVoid();
    }

    @Override
    public String spanName(Watch job) {
        return "channel.check";
    }

    /** What the fetch gave: the analysed look, or the failure. */
    private record Fetched(Analysis look, Throwable failure) {
    }

    /** The live look and what the monitor makes of it (computed off the event loop). */
    private record Analysis(ObjectNode appearance, String hash, ChannelMapping.Result mapped, JsonNode report,
            JsonNode worst) {
    }

    @Override
    public Uni<Next<Watch>> run(Watch watch, Lease lease) {
        String host;
        try {
            host = channels.url(watch.channel()).getHost();
        } catch (RuntimeException refused) { // the domain is no longer allowed (configuration changed): a failure
            return record(watch, lease, new Fetched(null, refused), null).map(v -> Next.done());
        }
        Duration wait = pacer.reserve(host);
        Uni<Void> turn = wait.isZero() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
        return turn.chain(() -> channels.fetch(watch.channel()))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(appearance -> new Fetched(analyse(watch, appearance), null))
                .onFailure().recoverWithItem(e -> new Fetched(null, e))
                .chain(fetched -> record(watch, lease, fetched, host))
                .map(v -> Next.<Watch>done());
    }

    private Analysis analyse(Watch watch, ObjectNode appearance) {
        ChannelMapping.Result mapped = ChannelMapping.map(watch.channel(), appearance);
        ValidationReport report = validator.validate(mapped.theme(), Level.AA);
        JsonNode worst = Verdict.worst(report.contrast()).map(c -> (JsonNode) mappers.get().valueToTree(c)).orElse(null);
        return new Analysis(appearance, Json.contentHash(appearance), mapped, mappers.get().valueToTree(report), worst);
    }

    private Uni<Void> record(Watch claimed, Lease lease, Fetched fetched, String host) {
        Optional<Duration> retryAfter = Optional.empty();
        if (fetched.failure() instanceof CxoneException cxone && cxone.retryAfter().isPresent()) {
            retryAfter = cxone.retryAfter();
            if (host != null) {
                pacer.blockFor(host, retryAfter.get()); // the host asked: no fetch to it from here before then
            }
        }
        long next = fetched.failure() == null ? nextCheck(claimed.intervalSeconds())
                : nextTry(claimed.intervalSeconds(), retryAfter);
        // a "check now" that arrived while this check ran: the cooldown after this one, or the failure's back-off
        long asked = fetched.failure() == null ? Math.min(next, settings.checkCooldown().toMillis()) : next;
        List<ChannelEvent> news = new ArrayList<>();
        return pool.withTransaction(tx -> lease.fence(tx)
                .chain(() -> store.find(tx, claimed.id()))
                .chain(found -> {
                    Watch old = found.orElseThrow(() -> new LostLease(TABLE, claimed.id()));
                    Uni<Verdict> verdict = fetched.failure() != null
                            ? Uni.createFrom().item(Verdict.failed(old, settings.unreachableAfter()))
                            : judge(tx, old, fetched.look());
                    return verdict.call(v -> write(tx, old, v, fetched, next, asked, claimed.nextCheckAt(), news));
                }))
                .invoke(v -> {
                    metrics.checked(fetched.failure() != null ? ChannelMetrics.FETCH_FAILED : v.state());
                    news.forEach(events::publish);
                })
                .onFailure(e -> !(e instanceof LostLease)).invoke(e -> LOG.warnf(e,
                        "channel check of watch %s could not be stored; it is retried after its lease", claimed.id()))
                .replaceWithVoid();
    }

    /** Compares the look with the last snapshot and, when the watch links a draft, with its current version. */
    private Uni<Verdict> judge(SqlClient tx, Watch old, Analysis look) {
        Uni<List<String>> drift = old.themeId() == null ? Uni.createFrom().item(List.of())
                : versions.find(tx, old.themeId(), null).map(found -> found.filter(f -> !f.deleted())
                        .flatMap(ThemeVersions.Found::version)
                        .map(v -> Verdict.drift(v.content(), look.mapped())).orElse(List.of()));
        return drift.chain(fields -> store.lastHash(tx, old.id())
                .map(last -> Verdict.fetched(old, last, look.hash(), look.worst(), fields)));
    }

    private Uni<Void> write(SqlClient tx, Watch old, Verdict v, Fetched fetched, long next, long asked,
            Instant claimedDue, List<ChannelEvent> news) {
        Analysis look = fetched.look();
        Uni<Void> snapshot = v.snapshot() ? store.insertSnapshot(tx, old.id(), look.hash(), look.appearance(),
                look.mapped().theme(), look.report()) : Uni.createFrom().voidItem();
        return snapshot.chain(() -> store.record(tx, old.id(), v, next, asked, claimedDue)).chain(now -> {
            if (v.stateChanged(old)) {
                news.add(event("state", now, old.state(), now.state(), look == null ? null : look.hash()));
            }
            if (v.actions().contains(Verdict.CHANGED)) {
                news.add(event("changed", now, old.state(), now.state(), look.hash()));
            }
            if (v.actions().isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<AuditEntry> entries = new ArrayList<>();
            for (String action : v.actions()) {
                entries.add(new AuditEntry(action, Verdict.UNREACHABLE.equals(action) ? AuditEntry.FAILURE
                        : AuditEntry.SUCCESS, old.themeId() == null ? null : old.themeId().toString(), null, null,
                        old.id().toString(), details(old, now, v, fetched)));
            }
            return audit.appendAll(tx, Caller.system("channel-check-" + UUID.randomUUID()), entries).replaceWithVoid();
        });
    }

    private ObjectNode details(Watch old, Watch now, Verdict v, Fetched fetched) {
        ObjectNode d = mappers.get().createObjectNode().put("watchId", old.id().toString()).put("brandId", old.brandId())
                .put("channelId", old.channelId()).put("env", old.env()).put("domain", old.domain())
                .put("from", old.state()).put("to", now.state())
                .put("consecutiveFailures", v.consecutiveFailures());
        if (fetched.look() != null) {
            d.put("contentHash", fetched.look().hash());
        }
        if (v.worstCheck() != null) {
            d.set("worstCheck", v.worstCheck());
        } else if (old.worstCheck() != null) {
            d.set("previousWorstCheck", old.worstCheck());
        }
        d.set("driftFields", mappers.get().valueToTree(v.driftFields()));
        if (fetched.failure() != null) {
            d.put("reason", reason(fetched.failure()));
        }
        return d;
    }

    private static ChannelEvent event(String type, Watch w, String from, String to, String hash) {
        return new ChannelEvent(type, w.id(), w.brandId(), w.channelId(), w.env(), w.domain(), from, to, hash,
                w.lastCheckedAt());
    }

    /** The interval plus a random 0–10 % of it, in milliseconds. */
    static long nextCheck(int intervalSeconds) {
        long interval = intervalSeconds * 1000L;
        return interval + ThreadLocalRandom.current().nextLong(interval / 10 + 1);
    }

    /** After a failed fetch: sooner than the interval (so N failures do not take N intervals), never before Retry-After. */
    long nextTry(int intervalSeconds, Optional<Duration> retryAfter) {
        long base = Math.min(intervalSeconds * 1000L, settings.retryAfterFailure().toMillis());
        base = Math.max(base, retryAfter.map(Duration::toMillis).orElse(0L));
        return base + ThreadLocalRandom.current().nextLong(base / 10 + 1);
    }

    static String reason(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Text.clip(text, MAX_REASON);
    }
}
