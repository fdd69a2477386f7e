package io.cxone.themes.audit;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON lines ({@code application/x-ndjson}): every field of the event, nulls included, so an export carries the hashes
 * and can be read back with {@link #parse(String)} and re-verified offline with {@link ChainVerifier}; signed
 * checkpoints are lines of their own ({@link #checkpoint}, read back with {@link #parseCheckpoint(String)}).
 */
public final class JsonLinesFormat implements AuditFormat {
    public static final String MEDIA_TYPE = "application/x-ndjson";
    private static final ObjectMapper MAPPER = ControlChars.jsonMapper();

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    @Override
    public String format(AuditEvent e) {
        try {
            // JSON escapes CR and LF inside strings, so the only raw newline is the terminator
            return MAPPER.writeValueAsString(toJson(e)) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("an ObjectNode always serializes", ex);
        }
    }

    /** {@code {"checkpoint":{"id":..,"seq":..,"hash":..,"time":..,"keyId":..,"signature":..}}}: no event has that key. */
    @Override
    public String checkpoint(Checkpoint c) {
        try {
            return MAPPER.writeValueAsString(MAPPER.createObjectNode().set("checkpoint", checkpointJson(c))) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("an ObjectNode always serializes", ex);
        }
    }

    /** The checkpoint's fields, also carried by the other formats that hold JSON (OCSF). */
    static ObjectNode checkpointJson(Checkpoint c) {
        return MAPPER.createObjectNode().put("id", c.id()).put("seq", c.seq()).put("hash", c.hash())
                .put("time", DateTimeFormatter.ISO_INSTANT.format(c.time())).put("keyId", c.keyId())
                .put("signature", c.signature());
    }

    /** The checkpoint on an exported line, or null when the line is an event. */
    public static Checkpoint parseCheckpoint(String line) {
        try {
            JsonNode c = MAPPER.readTree(line).get("checkpoint");
            return c == null ? null : new Checkpoint(c.path("id").asLong(), c.path("seq").asLong(), text(c, "hash"),
                    Instant.parse(c.path("time").asText()), text(c, "keyId"), text(c, "signature"));
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("not an audit JSON line: " + ex.getOriginalMessage(), ex);
        }
    }

    static ObjectNode toJson(AuditEvent e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("seq", e.seq());
        o.put("time", e.time() == null ? null : DateTimeFormatter.ISO_INSTANT.format(e.time()));
        o.put("actor", e.actor());
        o.put("action", e.action());
        o.put("outcome", e.outcome());
        o.put("themeId", e.themeId());
        o.put("widgetId", e.widgetId());
        o.put("publicationId", e.publicationId());
        o.put("jobId", e.jobId());
        o.put("requestId", e.requestId());
        o.set("details", e.details() == null ? o.nullNode() : e.details());
        o.put("prevHash", e.prevHash());
        o.put("hash", e.hash());
        return o;
    }

    /** The event on one exported line (the inverse of {@link #format}). */
    public static AuditEvent parse(String line) {
        try {
            JsonNode o = MAPPER.readTree(line);
            JsonNode details = o.get("details");
            return new AuditEvent(o.path("seq").asLong(), o.path("time").isTextual()
                    ? Instant.parse(o.get("time").textValue()) : null, text(o, "actor"), text(o, "action"),
                    text(o, "outcome"), text(o, "themeId"), text(o, "widgetId"), text(o, "publicationId"),
                    text(o, "jobId"), text(o, "requestId"), details == null || details.isNull() ? null : details,
                    text(o, "prevHash"), text(o, "hash"));
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("not an audit JSON line: " + ex.getOriginalMessage(), ex);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
