package io.cxone.themes.jobs;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Gauges of how many jobs of a kind are in each state ({@code <name>{state=...}}), counted in the database every
 * {@code every}: a gauge is read at scrape time and cannot wait for a query. Every instance reports the same shared
 * table, so dashboards take {@code max} across instances, never the sum. States are a fixed list (bounded tags).
 */
public final class JobStateGauges {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Pool pool;
    private final String countByState;

    private JobStateGauges(Pool pool, String table) {
        this.pool = pool;
        this.countByState = "SELECT state, count(*) FROM " + table + " GROUP BY state";
    }

    /** Registers {@code name{state}} for each of {@code states} over {@code table} and refreshes them periodically. */
    public static JobStateGauges register(MeterRegistry registry, Vertx vertx, Pool pool, String name, String table,
            List<String> states, Duration every) {
        JobStateGauges gauges = new JobStateGauges(pool, table);
        for (String state : states) {
            AtomicLong count = gauges.counts.computeIfAbsent(state, s -> new AtomicLong());
            Gauge.builder(name, count, AtomicLong::get).description("Jobs in " + table + " by state")
                    .tag("state", state).register(registry);
        }
        gauges.refresh();
        vertx.setPeriodic(every.toMillis(), t -> gauges.refresh());
        return gauges;
    }

    private void refresh() {
        pool.query(countByState).execute().subscribe().with(rows -> {
            Map<String, Long> found = new HashMap<>();
            rows.forEach(r -> found.put(r.getString(0), r.getLong(1)));
            // each gauge moves straight to its new value: a scrape in between never sees a state drop to 0
            counts.forEach((state, count) -> count.set(found.getOrDefault(state, 0L)));
        }, failure -> { /* the database is down: the values stay as last seen; readiness and the 503s say so */ });
    }
}
