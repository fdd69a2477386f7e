package io.cxone.themes.channels;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.idempotency.Once;
import io.cxone.themes.jobs.JobEngine;
import io.cxone.themes.jobs.JobTracing;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.text.HumanNames;
import io.cxone.themes.web.KnownId;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.cxone.themes.web.Params;
import io.cxone.themes.problem.Problem;
import io.cxone.themes.theme.draft.ThemeVersions;
import io.cxone.themes.livechannel.ChannelClient;
import io.cxone.themes.livechannel.ChannelRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Watches: created (checked like an import, stored and audited in one transaction), read, deleted, checked now. */
@ApplicationScoped
public class ChannelService implements KnownId.Lookup {
    static final int MIN_INTERVAL = 60;
    static final int MAX_INTERVAL = 7 * 24 * 3600;
    static final int MAX_NAME = 100;

    /**
     * One page of the fleet report: the counts per state of the whole deployment, and the page's rows in the one page
     * shape ({@code items, page, pageSize, totalItems}). Named ChannelReport in the OpenAPI document: "Report" alone
     * says nothing to a generated client's reader.
     */
    @Schema(name = "ChannelReport", description = "One page of the channel report: the counts per state of the whole "
            + "deployment, and the page's rows {items, page, pageSize, totalItems}")
    public record Report(Map<String, Long> counts, List<ReportRow> items, int page, int pageSize, long totalItems) {
        Report(Map<String, Long> counts, Page<ReportRow> page) {
            this(counts, page.items(), page.page(), page.pageSize(), page.totalItems());
        }
    }

    private final Pool pool;
    private final WatchStore store;
    private final ChannelClient channels;
    private final ThemeVersions versions;
    private final AuditLog audit;
    private final JobEngine engine;
    private final JobTracing tracing;
    private final ChannelSettings settings;
    private final ObjectMapper mapper;
    private final ChannelEvents events;

    ChannelService(Pool pool, WatchStore store, ChannelClient channels, ThemeVersions versions, AuditLog audit,
            JobEngine engine, JobTracing tracing, ChannelSettings settings, ObjectMapper mapper, ChannelEvents events) {
        this.pool = pool;
        this.store = store;
        this.channels = channels;
        this.versions = versions;
        this.audit = audit;
        this.engine = engine;
        this.tracing = tracing;
        this.settings = settings;
        this.mapper = mapper;
        this.events = events;
    }

    public Uni<Watch> create(WatchRequest body, Caller caller, Once<Watch> once) {
        if (body == null) {
            throw ApiException.badRequest("$", ErrorCode.REQUIRED, "send {brandId, channelId, env, domain, name?, themeId?, "
                    + "intervalSeconds?}");
        }
        ChannelRequest channel = new ChannelRequest(body.brandId(), body.channelId(), body.env(), body.domain());
        channels.url(channel); // the import's rules: 400 naming each bad field, domains outside the allow-list refused
        String name = name(body.name(), channel);
        int interval = interval(body.intervalSeconds());
        UUID themeId = body.themeId() == null ? null : Params.uuid("themeId", body.themeId(), "a draft id (a UUID)");
        Watch draft = new Watch(UUID.randomUUID(), channel.brandId(), channel.channelId(), channel.env(),
                channel.domain(), name, themeId, interval, Watch.PENDING, null, null, null, null, 0, null, List.of(),
                caller.actor(), Instant.now());
        String traceParent = tracing.currentTraceParent();
        // the import's address rule, now rather than at the first check: a host that resolves to loopback, private or
        // metadata addresses is 400 not_allowed (one rule: ChannelClient's, the one every check applies again)
        return channels.checkAddress(channel).chain(() -> once.withTransaction(pool, tx -> checkTheme(tx, themeId)
                .chain(() -> store.insert(tx, draft.id(), draft, traceParent, settings.maxWatches()))
                .chain(inserted -> {
                    if (inserted.isEmpty()) {
                        return store.findChannel(tx, draft).map(existing -> {
                            throw existing.map(w -> new ApiException(Problem.of(409, "Conflict", "channel "
                                    + channel.channelId() + " of brand " + channel.brandId() + " (env " + channel.env()
                                    + ", domain " + channel.domain() + ") is watched already by watch " + w.id()
                                    + ": GET or DELETE /api/v1/channels/" + w.id())))
                                    .orElseGet(this::full);
                        });
                    }
                    Watch w = inserted.get();
                    return audit.append(tx, caller, new AuditEntry("channel.watch.created", AuditEntry.SUCCESS,
                            themeId == null ? null : themeId.toString(), null, null, w.id().toString(), details(w)))
                            .replaceWith(w);
                })))
                .invoke(() -> engine.wake(ChannelCheckKind.TABLE)); // the first check runs now, not at the next scan
    }

    /** The deployment has {@code app.channels.max-watches} watches: 409, saying what to do. */
    private ApiException full() {
        return new ApiException(Problem.of(409, "Conflict", "This deployment watches its maximum of "
                + settings.maxWatches() + " channels (APP_CHANNELS_MAX_WATCHES). Delete watches you no longer need "
                + "(DELETE /api/v1/channels/{id}), or ask your operator to raise APP_CHANNELS_MAX_WATCHES."));
    }

    private Uni<Void> checkTheme(SqlClient tx, UUID themeId) {
        if (themeId == null) {
            return Uni.createFrom().voidItem();
        }
        return versions.find(tx, themeId, null).map(found -> {
            if (found.isEmpty()) {
                throw ApiException.badRequest("themeId", ErrorCode.NOT_FOUND, "no draft " + themeId + "; link a draft that "
                        + "exists (GET /api/v1/themes), or leave themeId out");
            }
            if (found.get().deleted()) {
                throw ApiException.badRequest("themeId", ErrorCode.DELETED, "draft " + themeId + " was deleted; link a draft "
                        + "that is in use");
            }
            return null;
        });
    }

    private static String name(String name, ChannelRequest channel) {
        if (name == null) {
            return channel.brandId() + "/" + channel.channelId();
        }
        // the one rule for stored names, as for a theme's name: a bidi override or zero-width character passed here
        return HumanNames.check("name", HumanNames.strip(name), 1, MAX_NAME);
    }

    private int interval(Integer seconds) {
        if (seconds == null) {
            return settings.defaultIntervalSeconds();
        }
        if (seconds < MIN_INTERVAL || seconds > MAX_INTERVAL) {
            throw ApiException.badRequest("intervalSeconds", ErrorCode.RANGE, "must be between " + MIN_INTERVAL + " and "
                    + MAX_INTERVAL + " (a week); default " + settings.defaultIntervalSeconds());
        }
        return seconds;
    }

    private ObjectNode details(Watch w) {
        ObjectNode d = mapper.createObjectNode().put("watchId", w.id().toString()).put("brandId", w.brandId())
                .put("channelId", w.channelId()).put("env", w.env()).put("domain", w.domain()).put("name", w.name())
                .put("intervalSeconds", w.intervalSeconds());
        if (w.themeId() != null) {
            d.put("themeId", w.themeId().toString());
        }
        return d;
    }

    public Uni<Watch> get(UUID id) {
        return store.find(pool, id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    @Override
    public Uni<Void> requireExisting(UUID id) {
        return get(id).replaceWithVoid();
    }

    public Uni<Page<Watch>> list(String state, PageRequest page) {
        if (state != null && !Watch.STATES.contains(state)) {
            throw ApiException.badRequest("state", ErrorCode.ENUM, "must be one of " + String.join(", ", Watch.STATES));
        }
        return store.list(pool, state, page);
    }

    public Uni<Void> delete(UUID id, Caller caller) {
        return pool.withTransaction(tx -> store.delete(tx, id).chain(found -> {
            Watch w = found.orElseThrow(() -> notFound(id));
            return audit.append(tx, caller, new AuditEntry("channel.watch.deleted", AuditEntry.SUCCESS,
                    w.themeId() == null ? null : w.themeId().toString(), null, null, w.id().toString(), details(w)));
        })).replaceWithVoid();
    }

    /**
     * Asks for a check: due now, or joining the check already queued (within {@code app.channels.check-cooldown}
     * of the last check, or during a failed fetch's back-off; {@link WatchStore#checkNow}). The watch it answers has
     * {@code nextCheckAt} = when that check is due. A parked watch is taken up again first (pending, due now; audited
     * as the caller's). Wakes this instance's engine; the check runs as a job (here or elsewhere).
     */
    public Uni<Watch> checkNow(UUID id, Caller caller) {
        return pool.withTransaction(tx -> store.unpark(tx, id, caller)
                .chain(unparked -> store.checkNow(tx, id, settings.checkCooldown().toMillis())
                        .map(found -> new Asked(found.orElseThrow(() -> notFound(id)), unparked))))
                .invoke(asked -> asked.unparked().ifPresent(was -> events.publish(new ChannelEvent("state", id,
                        was.brandId(), was.channelId(), was.env(), was.domain(), Watch.PARKED, Watch.PENDING, null,
                        was.time()))))
                .map(Asked::watch)
                .invoke(() -> engine.wake(ChannelCheckKind.TABLE));
    }

    private record Asked(Watch watch, Optional<WatchStore.Parked> unparked) {
    }

    public Uni<Page<Snapshot>> snapshots(UUID id, PageRequest page) {
        return get(id).chain(w -> store.snapshots(pool, id, page));
    }

    /** One page of the fleet report, with the counts per state of the whole deployment (one snapshot of both). */
    public Uni<Report> report(PageRequest page) {
        return pool.withTransaction(tx -> tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute().chain(() -> store.counts(tx)).chain(counts -> store.reportPage(tx, page)
                        .map(rows -> new Report(counts, Page.of(rows.stream().map(ReportRow::of).toList(), page,
                                counts.values().stream().mapToLong(Long::longValue).sum())))));
    }

    /**
     * Every watch in the report's order, {@value WatchStore#REPORT_BATCH} rows per read (keyset, not offset), for the
     * streamed CSV: memory stays flat however many watches there are.
     */
    public Multi<ReportRow> reportRows() {
        Watch[] after = { null };
        return Multi.createBy().repeating().uni(() -> store.reportBatch(pool, after[0]))
                .whilst(batch -> batch.size() == WatchStore.REPORT_BATCH)
                .onItem().invoke(batch -> {
                    if (!batch.isEmpty()) {
                        after[0] = batch.get(batch.size() - 1);
                    }
                })
                .onItem().transformToIterable(batch -> batch.stream().map(ReportRow::of).toList());
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("no channel watch " + id + "; GET /api/v1/channels lists them, POST creates one");
    }

    /** The verdicts ({@code passing}, {@code failing} …) of the watches linked to {@code themeId}, oldest first. */
    public Uni<List<String>> verdictsOfTheme(UUID themeId) {
        return store.verdictsOfTheme(pool, themeId);
    }
}
