package io.cxone.themes.audit;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OCSF 1.1.0 events as JSON lines. Theme draft actions ({@code theme.*}: created, imported → Create; updated → Update;
 * deleted → Delete) are Entity Management (3004, IAM category 3) with the theme as {@code entity}; everything else
 * (publication, assignment, sync, rollback) is API Activity (6003, Application Activity category 6) with {@code
 * api.operation} = the action: requested and created → Create; submitted, activated, failed, rollback, assignment and
 * per-widget sync → Update; sync.finished and unknown actions → Other (99). Target ids are listed in {@code resources}
 * (theme actions too, when they carry more than the theme); {@code metadata.uid} is the seq, {@code unmapped} the
 * details. Status 1 Success / 2 Failure ({@code status_detail} keeps the outcome); severity 1 Informational / 3 Medium.
 */
public final class OcsfFormat implements AuditFormat {
    public static final String MEDIA_TYPE = "application/x-ndjson";
    private static final ObjectMapper MAPPER = ControlChars.jsonMapper();
    private static final String PRODUCT = "cxone-theme-service";
    private static final Map<String, Integer> ACTIVITY = Map.ofEntries(Map.entry("theme.created", 1),
            Map.entry("theme.imported", 1), Map.entry("theme.updated", 3), Map.entry("theme.deleted", 4),
            Map.entry("publication.requested", 1), Map.entry("publication.submitted", 3),
            Map.entry("publication.activated", 3), Map.entry("publication.failed", 3),
            Map.entry("publication.rollback", 3), Map.entry("assignment.updated", 3), Map.entry("sync.created", 1),
            Map.entry("sync.widget", 3), Map.entry("sync.finished", 99));
    private static final Map<Integer, String> ACTIVITY_NAME = Map.of(1, "Create", 2, "Read", 3, "Update", 4, "Delete",
            99, "Other");

    private final String hostname;

    /** {@code hostname}: this service's host, reported as the API activity's {@code src_endpoint}; may be null. */
    public OcsfFormat(String hostname) {
        this.hostname = hostname;
    }

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    /** Entity Management (3004) for theme draft actions, else API Activity (6003). */
    public static int classUid(String action) {
        return action != null && action.startsWith("theme.") ? 3004 : 6003;
    }

    /** 1 Create, 3 Update, 4 Delete or 99 Other; see the class comment for the mapping. */
    public static int activityId(String action) {
        return ACTIVITY.getOrDefault(action, 99);
    }

    @Override
    public String format(AuditEvent e) {
        int classUid = classUid(e.action());
        int activity = activityId(e.action());
        boolean entity = classUid == 3004;
        ObjectNode o = MAPPER.createObjectNode();
        o.put("class_uid", classUid).put("class_name", entity ? "Entity Management" : "API Activity");
        o.put("category_uid", entity ? 3 : 6)
                .put("category_name", entity ? "Identity & Access Management" : "Application Activity");
        o.put("activity_id", activity).put("activity_name", ACTIVITY_NAME.get(activity));
        o.put("type_uid", classUid * 100L + activity)
                .put("type_name", o.get("class_name").asText() + ": " + ACTIVITY_NAME.get(activity));
        if (e.time() != null) {
            o.put("time", e.time().toEpochMilli());
        }
        o.put("severity_id", e.succeeded() ? 1 : 3).put("severity", e.succeeded() ? "Informational" : "Medium");
        o.put("status_id", e.succeeded() ? 1 : 2).put("status", e.succeeded() ? "Success" : "Failure");
        o.put("status_detail", e.outcome());
        o.put("message", e.action() + " " + e.outcome());
        o.putObject("actor").putObject("user").put("name", e.actor());
        ObjectNode metadata = o.putObject("metadata").put("version", "1.1.0").put("uid", Long.toString(e.seq()))
                .put("log_name", "audit").put("event_code", e.action());
        metadata.putObject("product").put("name", PRODUCT).put("vendor_name", "NICE-CXone-Tools");
        if (e.requestId() != null) {
            metadata.put("correlation_uid", e.requestId());
        }
        if (entity) {
            ObjectNode theme = o.putObject("entity").put("type", "theme");
            if (e.themeId() != null) {
                theme.put("uid", e.themeId());
            }
        } else {
            ObjectNode api = o.putObject("api").put("operation", e.action());
            api.putObject("service").put("name", PRODUCT);
            if (e.requestId() != null) {
                api.putObject("request").put("uid", e.requestId());
            }
            ObjectNode src = o.putObject("src_endpoint").put("name", PRODUCT);
            if (hostname != null && !hostname.isBlank()) {
                src.put("hostname", hostname);
            }
            o.putObject("cloud").put("provider", "NICE CXone");
        }
        ArrayNode resources = MAPPER.createArrayNode();
        resource(resources, entity ? null : e.themeId(), "theme");
        resource(resources, e.widgetId(), "widget");
        resource(resources, e.publicationId(), "publication");
        resource(resources, e.jobId(), "sync_job");
        if (!resources.isEmpty()) {
            o.set("resources", resources);
        }
        if (e.details() != null && !e.details().isNull()) {
            o.set("unmapped", e.details());
        }
        try {
            return MAPPER.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("an ObjectNode always serializes", ex);
        }
    }

    /**
     * API Activity (6003), activity Other (99), {@code api.operation} and {@code metadata.event_code} {@code
     * audit.checkpoint}; the signed fields in {@code unmapped.checkpoint}.
     */
    @Override
    public String checkpoint(Checkpoint c) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("class_uid", 6003).put("class_name", "API Activity").put("category_uid", 6)
                .put("category_name", "Application Activity").put("activity_id", 99).put("activity_name", "Other")
                .put("type_uid", 600399L).put("type_name", "API Activity: Other");
        o.put("time", c.time().toEpochMilli());
        o.put("severity_id", 1).put("severity", "Informational").put("status_id", 1).put("status", "Success");
        o.put("message", "audit checkpoint " + c.id() + " of event " + c.seq());
        ObjectNode metadata = o.putObject("metadata").put("version", "1.1.0").put("uid", "checkpoint-" + c.id())
                .put("log_name", "audit").put("event_code", "audit.checkpoint");
        metadata.putObject("product").put("name", PRODUCT).put("vendor_name", "NICE-CXone-Tools");
        ObjectNode api = o.putObject("api").put("operation", "audit.checkpoint");
        api.putObject("service").put("name", PRODUCT);
        ObjectNode src = o.putObject("src_endpoint").put("name", PRODUCT);
        if (hostname != null && !hostname.isBlank()) {
            src.put("hostname", hostname);
        }
        o.putObject("unmapped").set("checkpoint", JsonLinesFormat.checkpointJson(c));
        try {
            return MAPPER.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("an ObjectNode always serializes", ex);
        }
    }

    private static void resource(ArrayNode resources, String uid, String type) {
        if (uid != null) {
            resources.addObject().put("uid", uid).put("type", type);
        }
    }
}
