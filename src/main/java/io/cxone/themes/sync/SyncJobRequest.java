package io.cxone.themes.sync;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/sync-jobs}. */
@Schema(description = "A fleet sync job: roll the CXone theme of an ACTIVE publication out to these widgets")
public record SyncJobRequest(
        @Schema(required = true, format = "uuid", description = "An ACTIVE publication: its CXone theme is rolled out",
                examples = "9b2e4f60-1c3d-4a5b-8e7f-0a1b2c3d4e5f") String publicationId,
        @Schema(required = true, description = "The widget ids, 1 to app.sync.max-widgets (100000 by default)")
        List<String> widgetIds,
        @Schema(description = "Passed to CXone: whether to replace a theme the widget has already", defaultValue = "false")
        Boolean overrideExisting) {
}
