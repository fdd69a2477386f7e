package io.cxone.themes.audit;

import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * RFC 5424 syslog, one event per line: {@code <PRI>1 TIMESTAMP HOSTNAME cxone-theme-service - MSGID
 * [audit@32473 seq=".." actor=".." ...] {details JSON}}.
 *
 * <ul>
 * <li>PRI: facility 13 (log audit, the facility RFC 5424 names for audit trails; authpriv, 10, is for authentication
 * messages), severity 6 (informational) for success, 4 (warning) for any other outcome.
 * <li>TIMESTAMP: RFC 3339 UTC with at most 6 fraction digits (events are microsecond-precise).
 * <li>HOSTNAME: given at construction (no lookup); null or blank is the NILVALUE {@code -}. PROCID is {@code -}.
 * <li>MSGID: the action when it is 1-32 printable ASCII characters, else {@code -} (the SD param always has it).
 * <li>SD-ID {@code audit@32473}: 32473 is the enterprise number RFC 5612 reserves for documentation and examples.
 * Params are omitted when null; values escape {@code "}, {@code \} and {@code ]} as RFC 5424 requires, and every
 * control character ({@link ControlChars}: C0, DEL, C1, U+2028/U+2029) as {@code \n}, {@code \r}, {@code \t} or
 * {@code \}{@code uXXXX} (an extension: a strict receiver shows the characters, and the line stays one event).
 * <li>MSG: details as JSON with non-ASCII escaped, so no BOM is needed and it holds no raw newline; absent when null.
 * </ul>
 */
public final class SyslogFormat implements AuditFormat {
    public static final String MEDIA_TYPE = "text/plain";
    private static final int FACILITY_LOG_AUDIT = 13;
    private static final ObjectMapper ASCII_JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private final String hostname;

    /** {@code hostname}: 1-255 printable ASCII characters without spaces, or null/blank for {@code -}. */
    public SyslogFormat(String hostname) {
        if (hostname == null || hostname.isBlank()) {
            this.hostname = "-";
        } else if (printableAscii(hostname, 255)) {
            this.hostname = hostname;
        } else {
            throw new IllegalArgumentException("syslog hostname must be 1-255 printable ASCII characters, no spaces");
        }
    }

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    @Override
    public String format(AuditEvent e) {
        StringBuilder out = new StringBuilder(512);
        out.append('<').append(FACILITY_LOG_AUDIT * 8 + (e.succeeded() ? 6 : 4)).append(">1 ");
        out.append(e.time() == null ? "-" : DateTimeFormatter.ISO_INSTANT.format(e.time())).append(' ');
        out.append(hostname).append(" cxone-theme-service - ");
        out.append(printableAscii(e.action(), 32) ? e.action() : "-").append(" [audit@32473");
        param(out, "seq", Long.toString(e.seq()));
        param(out, "actor", e.actor());
        param(out, "action", e.action());
        param(out, "outcome", e.outcome());
        param(out, "themeId", e.themeId());
        param(out, "widgetId", e.widgetId());
        param(out, "publicationId", e.publicationId());
        param(out, "jobId", e.jobId());
        param(out, "requestId", e.requestId());
        param(out, "hash", e.hash());
        out.append(']');
        if (e.details() != null && !e.details().isNull()) {
            try {
                // non-ASCII (C1, U+2028/2029) is escaped by the mapper, C0 by JSON itself; DEL is ASCII, so it is
                // escaped here (it can only occur inside a JSON string, where the escape u007F means the same)
                out.append(' ').append(ASCII_JSON.writeValueAsString(e.details()).replace("\u007f", "\\u007F"));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("a JsonNode always serializes", ex);
            }
        }
        return out.append('\n').toString();
    }

    /** MSGID {@code audit.checkpoint}, SD-ID {@code checkpoint@32473} with the signed fields and the signature. */
    @Override
    public String checkpoint(Checkpoint c) {
        StringBuilder out = new StringBuilder(256);
        String time = DateTimeFormatter.ISO_INSTANT.format(c.time());
        out.append('<').append(FACILITY_LOG_AUDIT * 8 + 6).append(">1 ").append(time).append(' ').append(hostname)
                .append(" cxone-theme-service - audit.checkpoint [checkpoint@32473");
        param(out, "id", Long.toString(c.id()));
        param(out, "seq", Long.toString(c.seq()));
        param(out, "hash", c.hash());
        param(out, "time", time);
        param(out, "keyId", c.keyId());
        param(out, "signature", c.signature());
        return out.append("]\n").toString();
    }

    private static void param(StringBuilder out, String name, String value) {
        if (value == null) {
            return;
        }
        out.append(' ').append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"', '\\', ']' -> out.append('\\').append(c);
                default -> {
                    if (!ControlChars.escape(out, c)) {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean printableAscii(String s, int maxLength) {
        return s != null && !s.isEmpty() && s.length() <= maxLength && s.chars().allMatch(c -> c >= 33 && c <= 126);
    }
}
