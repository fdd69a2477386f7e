package io.cxone.themes.idempotency;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxone.themes.db.DbClock;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for {@code idempotency_keys} (V15) and the advisory lock that marks a key's first request as in progress. */
@ApplicationScoped
class IdempotencyStore {
    /**
     * The class id of our advisory locks. The two-int form ({@code pg_try_advisory_xact_lock(int, int)}) is a key space
     * of its own in PostgreSQL, apart from the one-bigint locks of audit checkpoints and widget assignments.
     */
    static final int LOCK_CLASS = 0x69646d70; // "idmp"
    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(" + LOCK_CLASS + ", hashtext($1))";
    private static final String FIND = "SELECT request_hash, status, location, etag, content_type, body "
            + "FROM idempotency_keys WHERE subject = $1 AND idem_key = $2 AND expires_at > now()";
    // an expired row the purge has not reached yet is replaced: after the TTL the key is free again
    private static final String INSERT = "INSERT INTO idempotency_keys (subject, idem_key, request_hash, status, location, "
            + "etag, content_type, body, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), "
            + DbClock.plusMillis("$9") + ") ON CONFLICT (subject, idem_key) DO UPDATE SET request_hash = $3, status = $4, "
            + "location = $5, etag = $6, content_type = $7, body = $8, created_at = now(), expires_at = "
            + DbClock.plusMillis("$9") + " WHERE idempotency_keys.expires_at <= now()";
    private static final String PURGE = "DELETE FROM idempotency_keys WHERE (subject, idem_key) IN (SELECT subject, "
            + "idem_key FROM idempotency_keys WHERE expires_at <= now() ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)";

    /** A stored record: the request it answered (its hash) and the answer. */
    record Found(String requestHash, StoredAnswer answer) {
    }

    /**
     * Takes the key's lock for the rest of {@code tx} if nobody holds it: false while another transaction (the key's
     * first request, on any instance) is between its start and its commit or rollback. A crashed instance's
     * connection ends, and PostgreSQL releases its locks with it.
     */
    Uni<Boolean> tryLock(SqlClient tx, Claim claim) {
        return tx.preparedQuery(TRY_LOCK).execute(Tuple.of(claim.lockName()))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** The key's unexpired record, if its first request committed. */
    Uni<Optional<Found>> find(SqlClient client, Claim claim) {
        return client.preparedQuery(FIND).execute(Tuple.of(claim.subject(), claim.key())).map(IdempotencyStore::first);
    }

    /** Stores the answer in the creating transaction; fails if an unexpired record exists (the lock rules that out). */
    Uni<Void> insert(SqlClient tx, Claim claim, StoredAnswer answer, Duration ttl) {
        return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] { claim.subject(), claim.key(),
                claim.requestHash(), answer.status(), answer.location(), answer.etag(), answer.contentType(),
                Buffer.buffer(answer.body()), ttl.toMillis() })).map(rows -> {
                    if (rows.rowCount() != 1) {
                        throw new IllegalStateException("an unexpired idempotency record appeared under the key's lock");
                    }
                    return null;
                });
    }

    /** Deletes at most {@code batch} expired records (oldest first; rows another purge is deleting are skipped). */
    Uni<Integer> purge(SqlClient client, int batch) {
        return client.preparedQuery(PURGE).execute(Tuple.of(batch)).map(RowSet::rowCount);
    }

    private static Optional<Found> first(RowSet<Row> rows) {
        if (!rows.iterator().hasNext()) {
            return Optional.empty();
        }
        Row r = rows.iterator().next();
        return Optional.of(new Found(r.getString("request_hash"), new StoredAnswer(r.getInteger("status"),
                r.getString("location"), r.getString("etag"), r.getString("content_type"),
                r.getBuffer("body").getBytes())));
    }
}
