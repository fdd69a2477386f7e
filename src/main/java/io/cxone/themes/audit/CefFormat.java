package io.cxone.themes.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * ArcSight Common Event Format, one event per line: {@code CEF:0|NICE-CXone-Tools|cxone-theme-service|1.0|action|name|
 * severity|extension}. Header fields escape {@code \} and {@code |}; extension values escape {@code \}, {@code =}, CR
 * and LF. The spec allows no line break in the header at all, so header CR/LF get the extension's {@code \r}/{@code \n}
 * escapes too: a line is always one event. Severity 3 (low) for success, 7 (high) for any other outcome.
 */
public final class CefFormat implements AuditFormat {
    public static final String MEDIA_TYPE = "text/plain";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    @Override
    public String format(AuditEvent e) {
        StringBuilder out = new StringBuilder(512).append("CEF:0|NICE-CXone-Tools|cxone-theme-service|1.0|");
        header(out, e.action());
        out.append('|');
        header(out, e.action() + " " + e.outcome());
        out.append('|').append(e.succeeded() ? 3 : 7).append('|');
        int extensionStart = out.length();
        ext(out, "rt", e.time() == null ? null : Long.toString(e.time().toEpochMilli()));
        ext(out, "suser", e.actor());
        ext(out, "act", e.action());
        ext(out, "outcome", e.outcome());
        labelled(out, "cs1", "themeId", e.themeId());
        labelled(out, "cs2", "widgetId", e.widgetId());
        labelled(out, "cs3", "publicationId", e.publicationId());
        labelled(out, "cs4", "jobId", e.jobId());
        labelled(out, "cs5", "requestId", e.requestId());
        labelled(out, "cn1", "seq", Long.toString(e.seq()));
        labelled(out, "cs6", "hash", e.hash());
        if (e.details() != null && !e.details().isNull()) {
            try {
                ext(out, "msg", MAPPER.writeValueAsString(e.details()));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("a JsonNode always serializes", ex);
            }
        }
        // pairs are written space-first; the first one follows the header's last pipe directly
        if (out.length() > extensionStart) {
            out.deleteCharAt(extensionStart);
        }
        return out.append('\n').toString();
    }

    /** Signature id {@code audit.checkpoint}, severity 3; the signed fields as labelled custom fields. */
    @Override
    public String checkpoint(Checkpoint c) {
        StringBuilder out = new StringBuilder(256).append("CEF:0|NICE-CXone-Tools|cxone-theme-service|1.0|")
                .append("audit.checkpoint|audit checkpoint|3|");
        int extensionStart = out.length();
        ext(out, "rt", Long.toString(c.time().toEpochMilli()));
        labelled(out, "cn2", "checkpoint", Long.toString(c.id()));
        labelled(out, "cn1", "seq", Long.toString(c.seq()));
        labelled(out, "cs6", "hash", c.hash());
        labelled(out, "cs1", "time", java.time.format.DateTimeFormatter.ISO_INSTANT.format(c.time()));
        labelled(out, "cs2", "keyId", c.keyId());
        labelled(out, "cs3", "signature", c.signature());
        out.deleteCharAt(extensionStart);
        return out.append('\n').toString();
    }

    private static void labelled(StringBuilder out, String key, String label, String value) {
        if (value != null) {
            ext(out, key + "Label", label);
            ext(out, key, value);
        }
    }

    private static void ext(StringBuilder out, String key, String value) {
        if (value == null) {
            return;
        }
        out.append(' ').append(key).append('=');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '=' -> out.append("\\=");
                default -> {
                    if (!ControlChars.escape(out, c)) {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static void header(StringBuilder out, String value) {
        String v = String.valueOf(value);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '|' -> out.append("\\|");
                default -> {
                    if (!ControlChars.escape(out, c)) {
                        out.append(c);
                    }
                }
            }
        }
    }
}
