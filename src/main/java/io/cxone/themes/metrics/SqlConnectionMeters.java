package io.cxone.themes.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Leaves out the reactive SQL client's per-connection meters ({@code postgresql.queue.size}, {@code .current},
 * {@code .processing}, {@code .completed}, {@code .queue.delay}, {@code .reset}; tag {@code clientType=sql}).
 * <p>
 * Why: Vert.x's PostgreSQL client asks the metrics SPI for new client metrics for every connection it opens
 * ({@code PgConnectionFactory}), and Quarkus's binder registers the same meter ids for each. The counters and timers
 * merge, but the gauges stay bound to the first connection only: when the pool opened its second connection Micrometer
 * warned "This Gauge has been already registered" at every start, and {@code postgresql_queue_size} reported one
 * connection's queue as if it were the pool's. The pool's own series ({@code sql_pool_*}: queue, waiting time, in use,
 * usage) answer that question correctly and stay; nothing on the dashboard or in the alerts reads the client ones.
 */
@Singleton
public class SqlConnectionMeters {
    static final String CLIENT_TYPE = "clientType";

    /** Applied by Quarkus to every registry. */
    @Produces
    @Singleton
    MeterFilter withoutPerConnectionSqlMeters() {
        return MeterFilter.deny(SqlConnectionMeters::perConnection);
    }

    static boolean perConnection(Meter.Id id) {
        return "sql".equals(id.getTag(CLIENT_TYPE));
    }
}
