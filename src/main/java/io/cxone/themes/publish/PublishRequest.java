package io.cxone.themes.publish;

import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.web.Params;
import io.cxone.themes.web.StrictJsonCustomizer;

/** The body of {@code POST /widgets/{id}/publications}, read field by field so that each 400 names its field. */
@Schema(name = "PublishRequest", description = "A publication request: which draft version to publish, under which tag")
public record PublishRequest(
        @Schema(required = true, description = "The theme (draft) id, from GET /api/v1/themes",
                examples = "3f1c2a9e-7b4d-4c1e-9a8f-2d6b5e0c7a11") UUID themeId,
        @Schema(minimum = "1", description = "The version to publish; left out, the draft's current version",
                examples = "3") Integer version,
        @Schema(pattern = "[A-Za-z0-9][A-Za-z0-9._-]{0,79}", description = "The tag CXone shows for this version; "
                + "left out, one is generated", examples = "enterprise-dark-mode-3") String versionTag,
        @Schema(description = "What a taken versionTag does: fail (default) fails the publication, suffix retries "
                + "with -2, -3 …", defaultValue = "fail") Publication.OnConflict onConflict,
        @Schema(format = "date-time", description = "Not before this ISO-8601 instant (in the past: now); the "
                + "publication waits SCHEDULED until then, and then for the widget policy's next window",
                examples = "2026-12-08T08:00:00Z") Instant notBefore) {
    static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");
    private static final Set<String> FIELDS = Set.of("themeId", "version", "versionTag", "onConflict", "notBefore");

    /** A publication of {@code version} (null: the draft's current one) with a generated tag, as soon as its policy lets it. */
    public static PublishRequest of(UUID themeId, Integer version, Instant notBefore) {
        return new PublishRequest(themeId, version, null, Publication.OnConflict.fail, notBefore);
    }

    static PublishRequest read(JsonNode body) {
        object(body, FIELDS);
        UUID themeId = uuid(body, "themeId", "a theme id (a UUID) from GET /api/v1/themes");
        Integer version = null;
        JsonNode v = body.get("version");
        if (v != null && !v.isNull()) {
            Integer whole = StrictJsonCustomizer.wholeNumber(v);
            if (whole == null || whole < 1) {
                throw ApiException.badRequest("version", ErrorCode.TYPE, "must be a version number (1 or more); "
                        + "leave it out to publish the draft's current version");
            }
            version = whole;
        }
        String tag = null;
        JsonNode t = body.get("versionTag");
        if (t != null && !t.isNull()) {
            if (!t.isTextual() || !TAG.matcher(t.asText()).matches()) {
                throw ApiException.badRequest("versionTag", ErrorCode.FORMAT, "must be 1 to 80 letters, digits, '.', '_' or '-', "
                        + "starting with a letter or digit; leave it out to have one generated");
            }
            tag = t.asText();
        }
        Publication.OnConflict onConflict = Publication.OnConflict.fail;
        JsonNode c = body.get("onConflict");
        if (c != null && !c.isNull()) {
            try {
                onConflict = Publication.OnConflict.valueOf(c.isTextual() ? c.asText() : "?");
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("onConflict", ErrorCode.ENUM, "must be 'fail' (a taken version tag fails the "
                        + "publication) or 'suffix' (retry with -2, -3 …), not '" + Params.clip(c.asText()) + "'");
            }
        }
        return new PublishRequest(themeId, version, tag, onConflict, notBefore(body));
    }

    /** The optional {@code notBefore}: an ISO-8601 instant with a zone or offset ("2026-12-08T08:00:00Z"). */
    static Instant notBefore(JsonNode body) {
        JsonNode n = body.get("notBefore");
        if (n == null || n.isNull()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(n.isTextual() ? n.asText() : "?").toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("notBefore", ErrorCode.FORMAT, "must be an ISO-8601 instant with its offset, "
                    + "e.g. 2026-12-08T08:00:00Z, not '" + Params.clip(n.asText()) + "'");
        }
    }

    /** @throws ApiException 400 when the body is not an object or has a field not in {@code allowed} */
    static void object(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("$", ErrorCode.TYPE, "the body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest(name, ErrorCode.UNKNOWN_FIELD, "is not a field here; the fields are " + allowed);
            }
        }
    }

    static UUID uuid(JsonNode body, String field, String what) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest(field, ErrorCode.REQUIRED, "is required: " + what);
        }
        return Params.uuid(field, node.asText(), what);
    }
}
