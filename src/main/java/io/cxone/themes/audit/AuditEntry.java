package io.cxone.themes.audit;

import com.fasterxml.jackson.databind.JsonNode;

/** What a change asks the audit trail to record; {@link AuditLog} adds number, time, actor, request id and hashes. */
public record AuditEntry(String action, String outcome, String themeId, String widgetId, String publicationId,
        String jobId, JsonNode details) {

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    public static AuditEntry forTheme(String action, String themeId, JsonNode details) {
        return new AuditEntry(action, SUCCESS, themeId, null, null, null, details);
    }
}
