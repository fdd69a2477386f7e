package io.cxone.themes.channels;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.channels.ChannelCheckSteps.Decision;
import io.cxone.themes.db.DbClock;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.jobs.Leases;
import io.cxone.themes.jobs.LostLease;
import io.cxone.themes.jobs.Next;
import io.cxone.themes.db.Rows;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL of {@code channel_watches} and {@code channel_snapshots} (this package is their only owner), and the audit
 * event of each change a check makes, in the change's transaction. Never the engine's columns ({@link Lease}).
 */
@ApplicationScoped
class WatchStore {
    /** The advisory lock that serialises watch creations: any fixed number no other part of the service uses. */
    private static final long CREATE_LOCK = 0x6368616e_77617463L; // "chanwatc"
    /** Rows per read of a streamed report. */
    static final int REPORT_BATCH = 500;

    private static final String REPORT_ORDER = "brand_id, channel_id, env, domain, id";

    /** Audit actions of parking: by the engine, and taking it up again by a person. */
    static final String PARKED = "channel.parked";
    static final String UNPARKED = "channel.watch.unparked";

    private final ObjectMapper mapper;
    private final AuditLog audit;

    WatchStore(ObjectMapper mapper, AuditLog audit) {
        this.mapper = mapper;
        this.audit = audit;
    }

    /**
     * Inserts a new watch, due at once (state pending), unless the deployment has {@code maxWatches} already or one for
     * the same channel exists: then empty ({@link #findChannel} tells which). Creations are serialised by a
     * transaction-scoped advisory lock, so concurrent ones on any instance cannot both see room for one more.
     */
    Uni<Optional<Watch>> insert(SqlClient tx, UUID id, Watch w, String traceParent, int maxWatches) {
        return tx.query("SELECT pg_advisory_xact_lock(" + CREATE_LOCK + ") IS NULL").execute()
                .chain(() -> tx.preparedQuery("INSERT INTO channel_watches (id, brand_id, channel_id, env, domain, "
                        + "name, theme_id, interval_seconds, state, next_check_at, created_by, created_at, trace_parent) "
                        + "SELECT $1, $2, $3, $4, $5, $6, $7, $8, 'pending', now(), $9, now(), $10 "
                        + "WHERE (SELECT count(*) FROM channel_watches) < $11 "
                        + "ON CONFLICT (brand_id, channel_id, env, domain) DO NOTHING RETURNING " + Watch.COLUMNS)
                        .execute(Tuple.from(new Object[] { id, w.brandId(), w.channelId(), w.env(), w.domain(), w.name(),
                                w.themeId(), w.intervalSeconds(), w.createdBy(), traceParent, (long) maxWatches })))
                .map(this::first);
    }

    /** The verdicts of the watches linked to a theme (a canary's live channel gate). */
    Uni<List<String>> verdictsOfTheme(SqlClient client, UUID themeId) {
        return client.preparedQuery("SELECT state FROM channel_watches WHERE theme_id = $1 ORDER BY created_at")
                .execute(Tuple.of(themeId)).map(rows -> io.cxone.themes.db.Rows.list(rows, r -> r.getString("state")));
    }

    Uni<Optional<Watch>> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + Watch.COLUMNS + " FROM channel_watches WHERE id = $1")
                .execute(Tuple.of(id)).map(this::first);
    }

    Uni<Optional<Watch>> findChannel(SqlClient client, Watch w) {
        return client.preparedQuery("SELECT " + Watch.COLUMNS + " FROM channel_watches WHERE brand_id = $1 AND "
                + "channel_id = $2 AND env = $3 AND domain = $4")
                .execute(Tuple.of(w.brandId(), w.channelId(), w.env(), w.domain())).map(this::first);
    }

    /** One page in creation order (optionally of one state). */
    Uni<Page<Watch>> list(SqlClient client, String state, PageRequest page) {
        String where = state == null ? "" : " WHERE state = $3";
        Tuple args = state == null ? Tuple.of(page.size(), page.offset()) : Tuple.of(page.size(), page.offset(), state);
        return client.preparedQuery("SELECT " + Watch.COLUMNS + ", count(*) OVER () AS total FROM channel_watches"
                + where + " ORDER BY created_at, id LIMIT $1 OFFSET $2").execute(args).chain(rows -> {
                    List<Watch> items = Rows.list(rows, r -> Watch.of(r, mapper));
                    if (!items.isEmpty() || page.offset() == 0) {
                        long total = items.isEmpty() ? 0 : rows.iterator().next().getLong("total");
                        return Uni.createFrom().item(Page.of(items, page, total));
                    }
                    // past the end: the window count is not there, count on its own
                    return client.preparedQuery("SELECT count(*) FROM channel_watches" + (state == null ? ""
                            : " WHERE state = $1")).execute(state == null ? Tuple.tuple() : Tuple.of(state))
                            .map(c -> Page.of(items, page, c.iterator().next().getLong(0)));
                });
    }

    /** Watches per state, over the whole deployment (every state present, zero or not). */
    Uni<Map<String, Long>> counts(SqlClient client) {
        return client.query("SELECT state, count(*) AS n FROM channel_watches GROUP BY state").execute().map(rows -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            Watch.STATES.forEach(state -> counts.put(state, 0L));
            rows.forEach(r -> counts.put(r.getString("state"), r.getLong("n")));
            return counts;
        });
    }

    /** One page of the fleet report, in the report's order: brand, channel, env, domain. */
    Uni<List<Watch>> reportPage(SqlClient client, PageRequest page) {
        return client.preparedQuery("SELECT " + Watch.COLUMNS + " FROM channel_watches ORDER BY " + REPORT_ORDER
                + " LIMIT $1 OFFSET $2").execute(Tuple.of(page.size(), page.offset()))
                .map(rows -> Rows.list(rows, r -> Watch.of(r, mapper)));
    }

    /** The next {@link #REPORT_BATCH} watches after {@code after} (null: from the start), in the report's order. */
    Uni<List<Watch>> reportBatch(SqlClient client, Watch after) {
        String sql = "SELECT " + Watch.COLUMNS + " FROM channel_watches"
                + (after == null ? "" : " WHERE (brand_id, channel_id, env, domain, id) > ($1, $2, $3, $4, $5)")
                + " ORDER BY " + REPORT_ORDER + " LIMIT " + REPORT_BATCH;
        Tuple args = after == null ? Tuple.tuple()
                : Tuple.of(after.brandId(), after.channelId(), after.env(), after.domain(), after.id());
        return client.preparedQuery(sql).execute(args).map(rows -> Rows.list(rows, r -> Watch.of(r, mapper)));
    }

    Uni<Optional<Watch>> delete(SqlClient tx, UUID id) {
        return tx.preparedQuery("DELETE FROM channel_watches WHERE id = $1 RETURNING " + Watch.COLUMNS)
                .execute(Tuple.of(id)).map(this::first);
    }

    /**
     * "Check now", in one statement (the row lock makes concurrent requests on any instance see each other). The
     * check asked for is due at the <em>slot</em>: now, or {@code cooldown} after the last check if that is later.
     * The request joins the check already queued, changing nothing, when no check is running and either
     * <ul>
     * <li>the watch's last fetch failed: its next try is the back-off (never skipped: the host is failing, and may
     * have asked with Retry-After), or</li>
     * <li>a check is due by the slot anyway (queued by an earlier request, or by the interval).</li>
     * </ul>
     * Otherwise the watch is due at the slot; while a check runs (its lease is live), that check sees
     * {@code next_check_at} moved and queues the one asked for ({@link ChannelCheckSteps#askedMeanwhile}).
     */
    Uni<Optional<Watch>> checkNow(SqlClient client, UUID id, long cooldownMillis) {
        String slot = "GREATEST(now(), last_checked_at + $2::bigint * interval '1 millisecond')";
        return client.preparedQuery("UPDATE channel_watches SET next_check_at = CASE WHEN (lease_until IS NULL OR "
                + "lease_until < now()) AND (consecutive_failures > 0 OR next_check_at <= " + slot + ") THEN "
                + "next_check_at ELSE " + slot + " END WHERE id = $1 RETURNING " + Watch.COLUMNS)
                .execute(Tuple.of(id, cooldownMillis)).map(this::first);
    }

    Uni<Page<Snapshot>> snapshots(SqlClient client, UUID watchId, PageRequest page) {
        return client.preparedQuery("SELECT id, time, content_hash, appearance::text AS appearance, theme::text AS "
                + "theme, report::text AS report, count(*) OVER () AS total FROM channel_snapshots WHERE watch_id = $1 "
                + "ORDER BY time DESC, id LIMIT $2 OFFSET $3").execute(Tuple.of(watchId, page.size(), page.offset()))
                .chain(rows -> {
                    List<Snapshot> items = Rows.list(rows, r -> new Snapshot(r.getUUID("id"), Rows.instant(r, "time"),
                            r.getString("content_hash"), Json.read(mapper, r.getString("appearance")),
                            Json.read(mapper, r.getString("theme")), Json.read(mapper, r.getString("report"))));
                    if (!items.isEmpty() || page.offset() == 0) {
                        return Uni.createFrom().item(Page.of(items, page,
                                items.isEmpty() ? 0 : rows.iterator().next().getLong("total")));
                    }
                    return client.preparedQuery("SELECT count(*) FROM channel_snapshots WHERE watch_id = $1")
                            .execute(Tuple.of(watchId)).map(c -> Page.of(items, page, c.iterator().next().getLong(0)));
                });
    }

    /** The content hash of the watch's newest snapshot; null when it has none. */
    Uni<String> lastHash(SqlClient tx, UUID watchId) {
        return tx.preparedQuery("SELECT content_hash FROM channel_snapshots WHERE watch_id = $1 ORDER BY time DESC, id "
                + "LIMIT 1").execute(Tuple.of(watchId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }

    Uni<Void> insertSnapshot(SqlClient tx, UUID watchId, String hash, JsonNode appearance, JsonNode theme,
            JsonNode report) {
        return tx.preparedQuery("INSERT INTO channel_snapshots (id, watch_id, time, content_hash, appearance, theme, "
                + "report) VALUES ($1, $2, now(), $3, $4, $5, $6)").execute(Tuple.from(new Object[] {
                        UUID.randomUUID(), watchId, hash, Json.param(appearance), Json.param(theme),
                        Json.param(report) }))
                .replaceWithVoid();
    }

    /**
     * The start of a check's transaction: the watch's row locked if this instance still holds its lease (else
     * {@link LostLease}), read as it is now: a "check now" may have moved its next check since it was claimed.
     */
    Uni<Watch> lockForCheck(SqlClient tx, Lease lease, UUID id) {
        return lease.fence(tx).chain(() -> find(tx, id))
                .map(found -> found.orElseThrow(() -> new LostLease(ChannelCheckKind.TABLE, id)));
    }

    /**
     * The rest of a check's one transaction: a snapshot when the look changed, the verdict, {@code last_checked_at},
     * the next check {@link ChannelCheckSteps.Decision#next} from the database's now, the audit events of the change,
     * and the lease handed back due at once: {@code next_check_at} alone (the engine's runnable condition) says when
     * the next check runs, so "check now" can move it.
     */
    <J> Uni<Stored<J>> recordCheck(SqlClient tx, Lease lease, Watch current, Decision d, ChannelCheckSteps.Look look) {
        Verdict v = d.verdict();
        Uni<Void> snapshot = v.snapshot() ? insertSnapshot(tx, current.id(), look.hash(), look.appearance(),
                look.mapped().theme(), look.report()) : Uni.createFrom().voidItem();
        return snapshot.chain(() -> tx.preparedQuery("UPDATE channel_watches SET state = $2, consecutive_failures = $3, "
                + "worst_check = $4, drift_fields = $5, last_checked_at = now(), last_changed_at = CASE WHEN $6 THEN "
                + "now() ELSE last_changed_at END, next_check_at = " + DbClock.plusMillis("$7") + " WHERE id = $1 "
                + "RETURNING " + Watch.COLUMNS)
                .execute(Tuple.from(new Object[] { current.id(), v.state(), v.consecutiveFailures(),
                        Json.param(v.worstCheck()), Json.param(mapper.valueToTree(v.driftFields())), v.snapshot(),
                        d.next().toMillis() })))
                .map(rows -> Watch.of(rows.iterator().next(), mapper))
                .call(written -> v.actions().isEmpty() ? Uni.createFrom().voidItem()
                        : audit.appendAll(tx, Caller.system("channel-check-" + UUID.randomUUID()),
                                v.actions().stream().map(action -> checkEvent(action, current, written, d)).toList()))
                .chain(written -> lease.<J>handBack(tx, Duration.ZERO).map(next -> new Stored<>(written, next)));
    }

    /** What a check stored, and what the engine does next (the lease handed back in the same transaction). */
    record Stored<J>(Watch watch, Next<J> next) {
    }

    private AuditEntry checkEvent(String action, Watch old, Watch now, Decision d) {
        ObjectNode details = identity(old).put("from", old.state()).put("to", now.state())
                .put("consecutiveFailures", d.verdict().consecutiveFailures());
        if (d.hash() != null) {
            details.put("contentHash", d.hash());
        }
        if (d.verdict().worstCheck() != null) {
            details.set("worstCheck", d.verdict().worstCheck());
        } else if (old.worstCheck() != null) {
            details.set("previousWorstCheck", old.worstCheck());
        }
        details.set("driftFields", mapper.valueToTree(d.verdict().driftFields()));
        if (d.failure() != null) {
            details.put("reason", d.failure());
        }
        return new AuditEntry(action, Verdict.UNREACHABLE.equals(action) ? AuditEntry.FAILURE : AuditEntry.SUCCESS,
                old.themeId() == null ? null : old.themeId().toString(), null, null, old.id().toString(), details);
    }

    private ObjectNode identity(Watch w) {
        return mapper.createObjectNode().put("watchId", w.id().toString()).put("brandId", w.brandId())
                .put("channelId", w.channelId()).put("env", w.env()).put("domain", w.domain());
    }

    /** A watch the engine gave up on, as parked: who it is and the state it left. */
    record Parked(UUID id, String brandId, String channelId, String env, String domain, String from, Instant time) {
        ChannelEvent event() {
            return new ChannelEvent("state", id, brandId, channelId, env, domain, from, Watch.PARKED, null, time);
        }
    }

    /**
     * Parks watch {@code id} with {@code reason} and audits {@code channel.parked}, in the engine's transaction (it has
     * fenced the row). Reads only columns any row can give (its text and ids), since a row that could not be read is
     * parked the same way; parked watches are not runnable ({@link ChannelCheckKind#TABLE}).
     */
    Uni<Parked> park(SqlClient tx, UUID id, String reason) {
        return tx.preparedQuery("UPDATE channel_watches w SET state = '" + Watch.PARKED + "', parked_reason = $2 FROM "
                + "(SELECT id, state FROM channel_watches WHERE id = $1) old WHERE w.id = old.id RETURNING w.brand_id, "
                + "w.channel_id, w.env, w.domain, w.theme_id, old.state AS was, now() AS time")
                .execute(Tuple.of(id, reason)).chain(rows -> {
                    if (rows.rowCount() != 1) {
                        throw new LostLease(ChannelCheckKind.TABLE, id); // deleted meanwhile: nothing to park
                    }
                    Row r = rows.iterator().next();
                    Parked parked = new Parked(id, r.getString("brand_id"), r.getString("channel_id"),
                            r.getString("env"), r.getString("domain"), r.getString("was"), Rows.instant(r, "time"));
                    UUID themeId = r.getUUID("theme_id");
                    ObjectNode details = mapper.createObjectNode().put("watchId", id.toString())
                            .put("brandId", parked.brandId()).put("channelId", parked.channelId())
                            .put("env", parked.env()).put("domain", parked.domain()).put("from", parked.from())
                            .put("to", Watch.PARKED).put("reason", reason)
                            .put("whatNext", "POST /api/v1/channels/" + id + "/check takes it up again");
                    return audit.append(tx, Caller.system("channel-park-" + UUID.randomUUID()), new AuditEntry(PARKED,
                            AuditEntry.FAILURE, themeId == null ? null : themeId.toString(), null, null, id.toString(),
                            details)).replaceWith(parked);
                });
    }

    /**
     * Takes a parked watch up again (a person asked for a check): state {@code pending} until its next check, the
     * reason cleared, audited {@code channel.watch.unparked} by {@code caller}. Empty when the watch is not parked.
     */
    Uni<Optional<Parked>> unpark(SqlClient tx, UUID id, Caller caller) {
        return tx.preparedQuery("UPDATE channel_watches w SET state = '" + Watch.PENDING + "', parked_reason = NULL "
                + "FROM (SELECT id, parked_reason FROM channel_watches WHERE id = $1 FOR UPDATE) old WHERE w.id = old.id "
                + "AND w.state = '" + Watch.PARKED + "' RETURNING w.brand_id, w.channel_id, w.env, w.domain, w.theme_id, "
                + "old.parked_reason, now() AS time").execute(Tuple.of(id)).chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(Optional.<Parked>empty());
                    }
                    Row r = rows.iterator().next();
                    Parked was = new Parked(id, r.getString("brand_id"), r.getString("channel_id"), r.getString("env"),
                            r.getString("domain"), Watch.PARKED, Rows.instant(r, "time"));
                    UUID themeId = r.getUUID("theme_id");
                    ObjectNode details = mapper.createObjectNode().put("watchId", id.toString())
                            .put("brandId", was.brandId()).put("channelId", was.channelId()).put("env", was.env())
                            .put("domain", was.domain()).put("from", Watch.PARKED).put("to", Watch.PENDING)
                            .put("parkedReason", r.getString("parked_reason"));
                    return audit.append(tx, caller, new AuditEntry(UNPARKED, AuditEntry.SUCCESS,
                            themeId == null ? null : themeId.toString(), null, null, id.toString(), details))
                            .chain(() -> Leases.revive(tx, ChannelCheckKind.TABLE, id)) // all its attempts again
                            .replaceWith(Optional.of(was));
                });
    }

    private Optional<Watch> first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Optional.of(Watch.of(rows.iterator().next(), mapper)) : Optional.empty();
    }
}
