package io.cxone.themes.theme.draft;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.theme.ValidationReport;

/** A draft as the API shows it: metadata, the theme, and its report (one draft, writes) or report summary (the list). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DraftView(UUID id, String name, int version, String etag, String source, String contentHash,
        Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, JsonNode theme,
        ValidationReport report, List<?> importNotes, ReportSummary summary) {

    static DraftView of(DraftRow row, ValidationReport report) {
        return new DraftView(row.id(), row.name(), row.version(), row.etag(), row.source(), row.contentHash(),
                row.createdAt(), row.createdBy(), row.updatedAt(), row.updatedBy(), row.content(), report, null, null);
    }

    /** How each field of an imported theme was obtained (defaults, fallbacks, what was not imported). */
    public DraftView withImportNotes(List<?> notes) {
        return new DraftView(id, name, version, etag, source, contentHash, createdAt, createdBy, updatedAt, updatedBy,
                theme, report, notes, summary);
    }

    /** A list item: the full report would repeat every check of every draft, the console needs only the status. */
    static DraftView listItem(DraftRow row, ValidationReport report) {
        return new DraftView(row.id(), row.name(), row.version(), row.etag(), row.source(), row.contentHash(),
                row.createdAt(), row.createdBy(), row.updatedAt(), row.updatedBy(), row.content(), null, null,
                ReportSummary.of(report));
    }
}
