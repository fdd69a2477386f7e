package io.cxone.themes.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.db.Rows;
import io.cxone.themes.web.PageRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the audit trail: filtered pages for people, and the whole chain in order, in batches, for export and verify. */
@ApplicationScoped
class AuditRepository {
    static final int BATCH = 2000;
    private static final String COLUMNS = "SELECT seq, time, actor, action, outcome, theme_id, widget_id, "
            + "publication_id, job_id, request_id, details::text AS details, prev_hash, hash FROM audit_events WHERE true";

    private final Pool pool;
    /**
     * Looked up at the first event read, not when the bean is made: the audit checkpointer reads the chain's head
     * through this bean about a second after start, and making the ObjectMapper then loads ~470 Jackson classes that
     * belong to the first JSON request (docs/benchmarks.md; NoObjectMapperAtStartTest).
     */
    private final Instance<ObjectMapper> mappers;
    private volatile ObjectMapper mapper;

    AuditRepository(Pool pool, Instance<ObjectMapper> mappers) {
        this.pool = pool;
        this.mappers = mappers;
    }

    Pool pool() {
        return pool;
    }

    /** Newest first. */
    Uni<List<AuditEvent>> page(AuditFilter filter, PageRequest page) {
        List<Object> params = AuditFilter.newParams();
        StringBuilder sql = new StringBuilder(COLUMNS);
        filter.appendTo(sql, params);
        params.add(page.size());
        params.add(page.offset());
        sql.append(" ORDER BY seq DESC LIMIT $").append(params.size() - 1).append(" OFFSET $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(this::events);
    }

    Uni<Long> count(AuditFilter filter) {
        List<Object> params = AuditFilter.newParams();
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM audit_events WHERE true");
        filter.appendTo(sql, params);
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Events up to {@code lastSeq} in ascending order, fetched lazily batch by batch (keyset), so memory stays flat. */
    Multi<AuditEvent> inOrder(SqlClient client, AuditFilter filter, long lastSeq) {
        long[] after = { 0 };
        return Multi.createBy().repeating().uni(() -> batch(client, filter, after[0], lastSeq))
                .whilst(batch -> batch.size() == BATCH) // whilst keeps the last, partial batch
                .onItem().invoke(batch -> {
                    if (!batch.isEmpty()) {
                        after[0] = batch.get(batch.size() - 1).seq();
                    }
                })
                .onItem().transformToIterable(batch -> batch);
    }

    Uni<ChainHead> head(SqlClient client) {
        return client.query("SELECT seq, hash FROM audit_head WHERE id = 1").execute()
                .map(rows -> { Row r = rows.iterator().next(); return new ChainHead(r.getLong("seq"), r.getString("hash")); });
    }

    private Uni<List<AuditEvent>> batch(SqlClient client, AuditFilter filter, long afterSeq, long lastSeq) {
        List<Object> params = AuditFilter.newParams();
        StringBuilder sql = new StringBuilder(COLUMNS);
        filter.appendTo(sql, params);
        params.add(afterSeq);
        params.add(lastSeq);
        sql.append(" AND seq > $").append(params.size() - 1).append(" AND seq <= $").append(params.size())
                .append(" ORDER BY seq LIMIT ").append(BATCH);
        return client.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(this::events);
    }

    private List<AuditEvent> events(RowSet<Row> rows) {
        return Rows.list(rows, this::event);
    }

    private AuditEvent event(Row r) {
        return new AuditEvent(r.getLong("seq"), Rows.instant(r, "time"), r.getString("actor"), r.getString("action"),
                r.getString("outcome"), r.getString("theme_id"), r.getString("widget_id"),
                r.getString("publication_id"), r.getString("job_id"), r.getString("request_id"),
                json(r.getString("details")), r.getString("prev_hash"), r.getString("hash"));
    }

    /** The application's one ObjectMapper (a singleton: two threads that race here get the same one). */
    private ObjectMapper mapper() {
        ObjectMapper made = mapper;
        if (made == null) {
            made = mappers.get();
            mapper = made;
        }
        return made;
    }

    private JsonNode json(String text) {
        try {
            return text == null ? null : mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit details are not JSON", e);
        }
    }
}
