package io.cxone.themes.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxone.themes.jobs.Leases;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestPublications;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Publication leases and schedules are set and compared on the database's clock only: the claim takes no time from the
 * instance at all, so an instance whose own clock runs an hour ahead still sees another instance's live lease as live,
 * and no job runs twice.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class PublicationLeaseClockTest {
    @Inject
    Pool pool;

    @Test
    void aSkewedInstanceNeverClaimsALiveLease() {
        UUID id = TestPublications.create("lease-clock-w1", "QUEUED");
        Db.execute("UPDATE publications SET lease_owner = 'instance-a', lease_until = now() + interval '10 minutes' "
                + "WHERE id = '" + id + "'");
        Leases other = new Leases(PublicationKind.TABLE, "instance-b-clock-ahead");
        List<UUID> claimed = ids(other.claim(pool, Duration.ofSeconds(15), 100).await().indefinitely());
        assertFalse(claimed.contains(id), "a lease live on the database's clock was taken");
        assertEquals(1, Db.count("SELECT count(*) FROM publications WHERE id = '" + id + "' AND lease_owner = 'instance-a'"));
        // the lease a claim sets is measured from the database's clock too, not from the claimer's
        Db.execute("UPDATE publications SET lease_until = now() - interval '1 second' WHERE id = '" + id + "'");
        claimed = ids(other.claim(pool, Duration.ofSeconds(15), 100).await().indefinitely());
        assertTrue(claimed.contains(id));
        assertEquals(1, Db.count("SELECT count(*) FROM publications WHERE id = '" + id + "' AND lease_until > now() "
                + "AND lease_until <= now() + interval '15 seconds'"));
        // back to a fixture lease, so no runner picks it up while other classes run
        Db.execute("UPDATE publications SET lease_owner = '" + TestPublications.FIXTURE_OWNER + "', lease_until = 'infinity' "
                + "WHERE id = '" + id + "'");
    }

    private static List<UUID> ids(List<Row> rows) {
        return rows.stream().map(r -> r.getUUID("id")).toList();
    }
}
