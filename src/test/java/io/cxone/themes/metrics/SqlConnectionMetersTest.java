package io.cxone.themes.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * With two pooled connections open at once (the situation that made Micrometer warn "This Gauge has been already
 * registered" for {@code postgresql.queue.size} at every start), no per-connection SQL client meter is registered and
 * the pool's own series are.
 */
@QuarkusTest
class SqlConnectionMetersTest {
    private static final Duration CEILING = Duration.ofMinutes(3);

    @Inject
    Pool pool;
    @Inject
    MeterRegistry registry;

    @Test
    void twoOpenConnectionsRegisterNoPerConnectionMeter() {
        // two connections held together: the pool must have two physical connections, each made by Vert.x with its
        // own client metrics
        SqlConnection first = pool.getConnection().await().atMost(CEILING);
        SqlConnection second = pool.getConnection().await().atMost(CEILING);
        try {
            int a = first.query("SELECT pg_backend_pid()").execute().await().atMost(CEILING).iterator().next().getInteger(0);
            int b = second.query("SELECT pg_backend_pid()").execute().await().atMost(CEILING).iterator().next().getInteger(0);
            assertNotEquals(a, b, "two server sessions");
        } finally {
            first.closeAndAwait();
            second.closeAndAwait();
        }
        List<String> perConnection = registry.getMeters().stream().map(Meter::getId)
                .filter(SqlConnectionMeters::perConnection).map(Meter.Id::toString).toList();
        assertEquals(List.of(), perConnection);
        assertFalse(registry.find("postgresql.queue.size").meters().iterator().hasNext());
        assertFalse(registry.find("sql.pool.queue.size").meters().isEmpty(), "the pool's own series stay: "
                + registry.getMeters().stream().map(m -> m.getId().getName()).filter(n -> n.contains("pool")).toList());
    }
}
