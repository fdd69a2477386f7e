package io.cxone.themes.theme.draft;

import static io.cxone.themes.db.Rows.instant;
import static io.cxone.themes.db.Rows.list;
import static io.cxone.themes.db.Rows.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for drafts and their versions; every write takes the caller's transaction so the audit event joins it. */
@ApplicationScoped
class DraftRepository {
    private static final String SELECT_DRAFT = "SELECT t.id, t.name, t.current_version, t.source, v.content_hash, "
            + "v.content::text AS content, t.created_at, t.created_by, t.updated_at, t.updated_by, t.deleted_at "
            + "FROM themes t JOIN theme_versions v ON v.theme_id = t.id AND v.version = t.current_version ";

    private final ObjectMapper mapper;

    DraftRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Uni<Optional<DraftRow>> find(SqlClient client, UUID id, boolean forUpdate) {
        // the head row is locked on its own: a lock taken through the join would, after waiting for a concurrent
        // writer, re-check the join against the new current_version and find no row at all
        Uni<Void> lock = forUpdate
                ? client.preparedQuery("SELECT id FROM themes WHERE id = $1 FOR UPDATE").execute(Tuple.of(id)).replaceWithVoid()
                : Uni.createFrom().voidItem();
        return lock.chain(() -> client.preparedQuery(SELECT_DRAFT + "WHERE t.id = $1").execute(Tuple.of(id)))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(draft(rows.iterator().next())) : Optional.empty());
    }

    Uni<List<DraftRow>> page(SqlClient client, long offset, int limit) {
        return client.preparedQuery(SELECT_DRAFT + "WHERE t.deleted_at IS NULL ORDER BY t.updated_at DESC, t.id "
                + "LIMIT $1 OFFSET $2").execute(Tuple.of(limit, offset))
                .map(rows -> list(rows, this::draft));
    }

    Uni<Long> countLive(SqlClient client) {
        return client.query("SELECT count(*) FROM themes WHERE deleted_at IS NULL").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    Uni<Void> insertHead(SqlClient tx, UUID id, String name, String source, Instant now, String actor) {
        return tx.preparedQuery("INSERT INTO themes (id, name, current_version, source, created_at, created_by, "
                + "updated_at, updated_by) VALUES ($1, $2, 1, $3, $4, $5, $4, $5)")
                .execute(Tuple.of(id, name, source, utc(now), actor)).replaceWithVoid();
    }

    Uni<Void> updateHead(SqlClient tx, UUID id, String name, int version, Instant now, String actor) {
        return tx.preparedQuery("UPDATE themes SET name = $2, current_version = $3, updated_at = $4, updated_by = $5 "
                + "WHERE id = $1").execute(Tuple.of(id, name, version, utc(now), actor)).replaceWithVoid();
    }

    Uni<Void> markDeleted(SqlClient tx, UUID id, Instant now, String actor) {
        return tx.preparedQuery("UPDATE themes SET deleted_at = $2, deleted_by = $3 WHERE id = $1")
                .execute(Tuple.of(id, utc(now), actor)).replaceWithVoid();
    }

    Uni<Void> insertVersion(SqlClient tx, UUID id, int version, JsonNode content, String hash, Instant now,
            String actor) {
        return tx.preparedQuery("INSERT INTO theme_versions (theme_id, version, content, content_hash, created_at, "
                + "created_by) VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(id, version, new JsonObject(content.toString()), hash, utc(now), actor)).replaceWithVoid();
    }

    Uni<List<VersionView>> versions(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT version, content_hash, content::text AS content, created_at, created_by "
                + "FROM theme_versions WHERE theme_id = $1 ORDER BY version").execute(Tuple.of(id))
                .map(rows -> list(rows, r -> version(id, r)));
    }

    Uni<Optional<VersionView>> version(SqlClient client, UUID id, int version) {
        return client.preparedQuery("SELECT version, content_hash, content::text AS content, created_at, created_by "
                + "FROM theme_versions WHERE theme_id = $1 AND version = $2").execute(Tuple.of(id, version))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(version(id, rows.iterator().next())) : Optional.empty());
    }

    private DraftRow draft(Row r) {
        return new DraftRow(r.getUUID("id"), r.getString("name"), r.getInteger("current_version"), r.getString("source"),
                r.getString("content_hash"), json(r.getString("content")), instant(r, "created_at"),
                r.getString("created_by"), instant(r, "updated_at"), r.getString("updated_by"), instant(r, "deleted_at"));
    }

    private VersionView version(UUID id, Row r) {
        return new VersionView(id, r.getInteger("version"), r.getString("content_hash"), instant(r, "created_at"),
                r.getString("created_by"), json(r.getString("content")));
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored theme content is not JSON", e);
        }
    }

}
