package io.cxone.themes.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The audit_checkpoints table: read whole for verify and exports (one row a minute at most: small), paged for people. */
@ApplicationScoped
class CheckpointRepository {
    private static final String COLUMNS = "SELECT id, seq, hash, time, key_id, signature FROM audit_checkpoints";

    /** Every checkpoint up to event {@code lastSeq}, oldest first. */
    Uni<List<Checkpoint>> upTo(SqlClient client, long lastSeq) {
        return client.preparedQuery(COLUMNS + " WHERE seq <= $1 ORDER BY id").execute(Tuple.of(lastSeq))
                .map(rows -> Rows.list(rows, CheckpointRepository::checkpoint));
    }

    /** Newest first. */
    Uni<List<Checkpoint>> page(SqlClient client, int page, int size) {
        return client.preparedQuery(COLUMNS + " ORDER BY id DESC LIMIT $1 OFFSET $2")
                .execute(Tuple.of(size, (long) (page - 1) * size))
                .map(rows -> Rows.list(rows, CheckpointRepository::checkpoint));
    }

    Uni<Long> count(SqlClient client) {
        return client.query("SELECT count(*) FROM audit_checkpoints").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The newest checkpoint, or null when there is none. */
    Uni<Checkpoint> latest(SqlClient client) {
        return client.query(COLUMNS + " ORDER BY id DESC LIMIT 1").execute()
                .map(rows -> rows.size() == 0 ? null : checkpoint(rows.iterator().next()));
    }

    Uni<Void> insert(SqlClient client, Checkpoint c) {
        return client.preparedQuery("INSERT INTO audit_checkpoints (id, seq, hash, time, key_id, signature) "
                + "VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.from(new Object[] { c.id(), c.seq(), c.hash(), Rows.utc(c.time()), c.keyId(),
                        c.signature() }))
                .replaceWithVoid();
    }

    private static Checkpoint checkpoint(Row r) {
        return new Checkpoint(r.getLong("id"), r.getLong("seq"), r.getString("hash"), Rows.instant(r, "time"),
                r.getString("key_id"), r.getString("signature"));
    }
}
