package io.cxone.themes.audit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The hash chain: each event's hash is the lowercase hex SHA-256 of its canonical JSON, which includes the previous
 * event's hash, so editing, deleting or reordering any event breaks every link after it.
 *
 * <p>Canonical JSON, in the spirit of RFC 8785 (JCS) and written here rather than by Jackson so that a Jackson upgrade
 * or mapper setting can never change a stored hash: every field but {@code hash}, nulls included; object keys sorted by
 * UTF-16 code units at every depth; no whitespace; strings escape only {@code "}, {@code \} and control characters;
 * {@code time} as {@link DateTimeFormatter#ISO_INSTANT}. Numbers: integer nodes as their exact digits; every other
 * number as the plain decimal of the double Jackson reads back (1, 1.0 and 1.0E0 hash alike; a non-finite double as
 * the string Jackson writes for it). This keeps the hash stable when details are stored as jsonb, whose numeric
 * re-formatting (1.0E20 comes back as 100000000000000000000) and key reordering are then invisible.
 */
public final class AuditChain {
    /** The prevHash of event 1. */
    public static final String GENESIS = "0".repeat(64);
    private static final String HEX = "0123456789abcdef";

    private AuditChain() {
    }

    public static String canonical(AuditEvent e) {
        StringBuilder out = new StringBuilder(256);
        // keys in sorted order, by hand: the record's field list is fixed
        out.append("{\"action\":");
        string(out, e.action());
        out.append(",\"actor\":");
        string(out, e.actor());
        out.append(",\"details\":");
        value(out, e.details());
        out.append(",\"jobId\":");
        string(out, e.jobId());
        out.append(",\"outcome\":");
        string(out, e.outcome());
        out.append(",\"prevHash\":");
        string(out, e.prevHash());
        out.append(",\"publicationId\":");
        string(out, e.publicationId());
        out.append(",\"requestId\":");
        string(out, e.requestId());
        out.append(",\"seq\":").append(e.seq());
        out.append(",\"themeId\":");
        string(out, e.themeId());
        out.append(",\"time\":");
        string(out, e.time() == null ? null : DateTimeFormatter.ISO_INSTANT.format(e.time()));
        out.append(",\"widgetId\":");
        string(out, e.widgetId());
        return out.append('}').toString();
    }

    public static String hash(AuditEvent e) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(e).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform provides SHA-256", impossible);
        }
    }

    /** The event linked after {@code prevHash} with its hash computed (time already truncated by the record). */
    public static AuditEvent seal(AuditEvent unsealed, String prevHash) {
        AuditEvent linked = unsealed.withHash(prevHash, null);
        return linked.withHash(prevHash, hash(linked));
    }

    private static void value(StringBuilder out, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                out.append(i == 0 ? "" : ",");
                string(out, names.get(i));
                out.append(':');
                value(out, node.get(names.get(i)));
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                value(out, it.next());
                out.append(it.hasNext() ? "," : "");
            }
            out.append(']');
        } else if (node.isNumber()) {
            number(out, node);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isTextual() || node.isBinary()) {
            string(out, node.asText()); // binary: the base64 text Jackson writes and reads back
        } else {
            throw new IllegalArgumentException("audit details must be plain JSON, not " + node.getNodeType());
        }
    }

    private static void number(StringBuilder out, JsonNode node) {
        if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
            return;
        }
        // a float is written by Jackson as Float.toString and read back as the double of that text
        double d = node.isFloat() ? Double.parseDouble(Float.toString(node.floatValue())) : node.doubleValue();
        if (Double.isFinite(d)) {
            out.append(BigDecimal.valueOf(d).stripTrailingZeros().toPlainString());
        } else {
            string(out, Double.toString(d));
        }
    }

    private static void string(StringBuilder out, String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
