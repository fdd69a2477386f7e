package io.cxone.themes.theme.draft;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.theme.ValidationReport;

/** A draft as the API shows it: metadata, the theme, and (on reads of one draft and on writes) its report. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DraftView(UUID id, String name, int version, String etag, String source, String contentHash,
        Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, JsonNode theme,
        ValidationReport report, List<?> importNotes) {

    static DraftView of(DraftRow row, ValidationReport report) {
        return new DraftView(row.id(), row.name(), row.version(), row.etag(), row.source(), row.contentHash(),
                row.createdAt(), row.createdBy(), row.updatedAt(), row.updatedBy(), row.content(), report, null);
    }

    /** How each field of an imported theme was obtained (defaults, fallbacks, what was not imported). */
    public DraftView withImportNotes(List<?> notes) {
        return new DraftView(id, name, version, etag, source, contentHash, createdAt, createdBy, updatedAt, updatedBy,
                theme, report, notes);
    }
}
