package io.cxone.themes.theme.draft;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The public read of a stored theme version for other packages (publish reads the version a publication sends): the
 * {@code themes} and {@code theme_versions} tables belong to this package, so their SQL stays here.
 */
@ApplicationScoped
public class ThemeVersions {
    /** A theme's head and the chosen version (absent when the theme has no such version). */
    public record Found(UUID themeId, int currentVersion, boolean deleted, Optional<Version> version) {
    }

    public record Version(int number, String contentHash, JsonNode content) {
    }

    private final ObjectMapper mapper;

    ThemeVersions(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code version} null means the draft's current version; empty when there is no such theme. */
    public Uni<Optional<Found>> find(SqlClient client, UUID themeId, Integer version) {
        return client.preparedQuery("SELECT t.current_version, t.deleted_at IS NOT NULL AS deleted, v.version, "
                + "v.content_hash, v.content::text AS content FROM themes t LEFT JOIN theme_versions v "
                + "ON v.theme_id = t.id AND v.version = COALESCE($2, t.current_version) WHERE t.id = $1")
                .execute(Tuple.of(themeId, version)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    Optional<Version> v = r.getInteger("version") == null ? Optional.empty()
                            : Optional.of(new Version(r.getInteger("version"), r.getString("content_hash"),
                                    json(r.getString("content"))));
                    return Optional.of(new Found(themeId, r.getInteger("current_version"), r.getBoolean("deleted"), v));
                });
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored theme content is not JSON", e);
        }
    }
}
