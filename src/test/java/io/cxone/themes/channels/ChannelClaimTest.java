package io.cxone.themes.channels;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.jobs.Leases;
import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Why two instances never check one watch twice in an interval, asserted on the claim SQL the engine uses: a check's
 * one write moves {@code next_check_at} an interval (plus up to 10 %) past the database's now and releases the lease,
 * so no other instance's claim finds it; while a check holds its lease, nobody else claims it either.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class ChannelClaimTest {
    @Inject
    Pool pool;

    @AfterEach
    void cleanUp() {
        Db.execute("DELETE FROM channel_watches WHERE brand_id LIKE 'claim-%'");
    }

    @Test
    void aCheckedWatchIsNotClaimableAgainWithinItsInterval() {
        String brand = "claim-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body(Map.of("brandId", brand, "channelId", "chat_claim", "env", "c1", "domain", "niceincontact.com",
                        "intervalSeconds", 60))
                .post("/api/v1/channels").then().statusCode(201).extract().path("id");
        Waits.until("the first check", () -> Db.count("SELECT count(*) FROM channel_watches WHERE id = '" + id
                + "' AND last_checked_at IS NOT NULL") == 1);
        assertEquals(1, Db.count("SELECT count(*) FROM channel_watches WHERE id = '" + id + "' AND lease_owner IS NULL "
                + "AND lease_until IS NULL AND next_check_at >= last_checked_at + interval '60 seconds' "
                + "AND next_check_at <= last_checked_at + interval '66 seconds'"), "released, next check one interval "
                + "plus at most 10 % later");
        Leases other = new Leases(ChannelCheckKind.TABLE, "instance-b-" + UUID.randomUUID());
        assertFalse(ids(other.claim(pool, Duration.ofSeconds(15), 1000).await().indefinitely()).contains(id));

        // due, but held by another instance's live lease (on the database's clock): not claimed either
        Db.execute("UPDATE channel_watches SET lease_owner = 'instance-a', lease_until = now() + interval '10 minutes', "
                + "next_check_at = now() - interval '1 second' WHERE id = '" + id + "'");
        assertFalse(ids(other.claim(pool, Duration.ofSeconds(15), 1000).await().indefinitely()).contains(id));
    }

    private static List<UUID> ids(List<Row> rows) {
        return rows.stream().map(r -> r.getUUID("id")).toList();
    }
}
