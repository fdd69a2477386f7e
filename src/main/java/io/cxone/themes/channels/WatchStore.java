package io.cxone.themes.channels;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.db.DbClock;
import io.cxone.themes.db.Rows;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The SQL of {@code channel_watches} and {@code channel_snapshots}; this package is their only owner. */
@ApplicationScoped
class WatchStore {
    /** The advisory lock that serialises watch creations: any fixed number no other part of the service uses. */
    private static final long CREATE_LOCK = 0x6368616e_77617463L; // "chanwatc"
    /** Rows per read of a streamed report. */
    static final int REPORT_BATCH = 500;

    private static final String REPORT_ORDER = "brand_id, channel_id, env, domain, id";

    private final ObjectMapper mapper;

    WatchStore(ObjectMapper mapper) {
        this.mapper = mapper;
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
     * Otherwise the watch is due at the slot; while a check runs (its lease is live), that check's write sees
     * {@code next_check_at} moved and queues the one asked for ({@link #record}).
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
     * The check's one write: the verdict, last_checked_at, the next check {@code nextInMillis} from the database's
     * now, and the lease released (the check is done; the next one is claimed afresh when due). When
     * {@code next_check_at} moved past {@code claimedDue} meanwhile, someone asked for a check while this one ran
     * (only {@link #checkNow} writes it under our lease): that check comes {@code askedInMillis} from now instead
     * (the cooldown after this check; the caller passes {@code nextInMillis} after a failed fetch, whose back-off
     * the asked-for check then joins).
     */
    Uni<Watch> record(SqlClient tx, UUID id, Verdict v, long nextInMillis, long askedInMillis, Instant claimedDue) {
        return tx.preparedQuery("UPDATE channel_watches SET state = $2, consecutive_failures = $3, worst_check = $4, "
                + "drift_fields = $5, last_checked_at = now(), last_changed_at = CASE WHEN $6 THEN now() ELSE "
                + "last_changed_at END, next_check_at = CASE WHEN next_check_at > $8 THEN " + DbClock.plusMillis("$9")
                + " ELSE " + DbClock.plusMillis("$7") + " END, lease_owner = NULL, lease_until = NULL WHERE id = $1 "
                + "RETURNING " + Watch.COLUMNS)
                .execute(Tuple.from(new Object[] { id, v.state(), v.consecutiveFailures(), Json.param(v.worstCheck()),
                        Json.param(mapper.valueToTree(v.driftFields())), v.snapshot(), nextInMillis,
                        Rows.utc(claimedDue), askedInMillis }))
                .map(rows -> Watch.of(rows.iterator().next(), mapper));
    }

    private Optional<Watch> first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Optional.of(Watch.of(rows.iterator().next(), mapper)) : Optional.empty();
    }
}
