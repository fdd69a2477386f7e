package io.cxone.themes.publish;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.cxone.WireDtos.CxoneButton;
import io.cxone.themes.cxone.WireDtos.CxoneFont;
import io.cxone.themes.cxone.WireDtos.CxoneHeader;
import io.cxone.themes.cxone.WireDtos.CxoneTheme;
import io.cxone.themes.theme.Theme;
import io.cxone.themes.theme.ThemeJsonReader;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the immutable theme version a publication sends, and turns it into CXone's wire form. */
@ApplicationScoped
class ThemeVersions {
    /** A theme's head and the chosen version (absent when the theme has no such version). */
    record Found(UUID themeId, int currentVersion, boolean deleted, Optional<Version> version) {
    }

    record Version(int number, String contentHash, JsonNode content) {
    }

    private final ObjectMapper mapper;

    ThemeVersions(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code version} null means the draft's current version. */
    Uni<Optional<Found>> find(SqlClient client, UUID themeId, Integer version) {
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

    /** The theme in CXone's snake_case form, with our client-generated id and the version tag. */
    static CxoneTheme toCxone(JsonNode content, UUID id, String versionTag) {
        Theme t = ThemeJsonReader.read(content).theme();
        List<CxoneButton> buttons = t.buttons().stream().map(b -> new CxoneButton(b.label(), b.color(), b.textColor(),
                b.position().json(), b.iconUrl())).toList();
        CxoneHeader header = t.header() == null ? null
                : new CxoneHeader(t.header().backgroundColor(), t.header().textColor());
        return new CxoneTheme(id.toString(), versionTag, t.name(), t.backgroundColor(), t.primaryColor(),
                new CxoneFont(t.font().family(), t.font().sizePx(), t.font().weight(), t.font().color()), buttons,
                t.borderRadiusPx(), t.maxWidthPx(), header);
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored theme content is not JSON", e);
        }
    }
}
