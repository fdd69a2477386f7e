package io.cxone.themes.audit;

import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Random, hostile audit events and sealed chains for the audit tests (shared fixtures, not a test). */
final class AuditFixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static final List<String> ACTIONS = List.of("theme.created", "theme.updated", "theme.deleted", "theme.imported",
            "publication.requested", "publication.submitted", "publication.activated", "publication.failed",
            "publication.rollback", "assignment.updated", "sync.created", "sync.finished", "sync.widget");

    static final List<String> OUTCOMES = List.of("success", "failure", "denied");

    /** Characters that break naive CEF, syslog and JSON writers, alongside plain ones. */
    static final List<String> HOSTILE = List.of("a|b", "k=v", "back\\slash", "]", "\"q\"", "line\nbreak",
            "cr\rx\r\n", "ünïcödé ✓", "emoji 😀👍🏽", "tab\there", " padded ", "=", "\\", "|", "", "\\n", "\\=",
            "\\|", "\u2028sep\u0085", "[x@1 y=\"z\"]", "CEF:0|a|b|", "end\\", " x=1 y=2", "nul\u0000ctl\u0001",
            "esc\u001B[31mred\u001B[0m", "del\u007F", "csi\u009B2J c1\u0080\u009F", "para\u2029graph");

    private static final String[] ATOMS = { "a", "Z", "7", " ", "|", "=", "\\", "]", "[", "\"", "\n", "\r", "\t",
            "é", "😀", "\u2028", "\u2029", "\u0000", "\u001B", "\u007F", "\u0085", "\u009B", "@", "{", "}", ":", ",", "n", "r" };

    private AuditFixtures() {
    }

    static String text(Random r) {
        if (r.nextInt(3) == 0) {
            return HOSTILE.get(r.nextInt(HOSTILE.size()));
        }
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(12); i > 0; i--) {
            s.append(ATOMS[r.nextInt(ATOMS.length)]);
        }
        return s.toString();
    }

    static String maybe(Random r) {
        return r.nextInt(4) == 0 ? null : text(r);
    }

    static Instant time(Random r) {
        // 2000..2100, with nanoseconds that the record must truncate
        return Instant.ofEpochSecond(946_684_800L + (long) (r.nextDouble() * 3_155_760_000L), r.nextInt(1_000_000_000));
    }

    /** Details of the kinds the service writes: strings, ints, longs, booleans, doubles, nested objects/arrays. */
    static ObjectNode details(Random r, int depth) {
        ObjectNode o = MAPPER.createObjectNode();
        for (int i = r.nextInt(5); i >= 0; i--) {
            String key = text(r);
            switch (r.nextInt(depth > 0 ? 9 : 7)) {
                case 0 -> o.put(key, text(r));
                case 1 -> o.put(key, r.nextInt());
                case 2 -> o.put(key, r.nextLong());
                case 3 -> o.put(key, r.nextBoolean());
                case 4 -> o.put(key, number(r));
                case 5 -> o.putNull(key);
                case 6 -> o.put(key, new BigInteger(80, r));
                case 7 -> o.set(key, details(r, depth - 1));
                default -> o.set(key, array(r, depth - 1));
            }
        }
        return o;
    }

    private static ArrayNode array(Random r, int depth) {
        ArrayNode a = MAPPER.createArrayNode();
        for (int i = r.nextInt(4); i > 0; i--) {
            switch (r.nextInt(4)) {
                case 0 -> a.add(text(r));
                case 1 -> a.add(r.nextLong());
                case 2 -> a.add(number(r));
                default -> a.add(details(r, depth));
            }
        }
        return a;
    }

    /** Doubles that stress number formatting: fractions, integral doubles, huge and tiny magnitudes, -0.0. */
    static double number(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> 1.5;
            case 1 -> r.nextDouble();
            case 2 -> (double) r.nextInt(1000);
            case 3 -> Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL) * (r.nextBoolean() ? 1 : -1);
            case 4 -> -0.0;
            default -> r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20);
        };
    }

    static AuditEvent unsealed(Random r, long seq) {
        JsonNode details = switch (r.nextInt(5)) {
            case 0 -> null;
            case 1 -> MAPPER.nullNode();
            default -> details(r, 2);
        };
        return new AuditEvent(seq, time(r), text(r), r.nextInt(4) == 0 ? text(r) : ACTIONS.get(r.nextInt(ACTIONS.size())),
                OUTCOMES.get(r.nextInt(OUTCOMES.size())), maybe(r), maybe(r), maybe(r), maybe(r), maybe(r), details,
                null, null);
    }

    /** A sealed event whose every text field, and a details key and value, is {@code hostile}. */
    static AuditEvent hostile(String hostile, long seq) {
        ObjectNode details = MAPPER.createObjectNode().put(hostile, hostile).put("n", 1.5);
        details.putArray("list").add(hostile).addObject().put("k" + hostile, Long.MAX_VALUE);
        return AuditChain.seal(new AuditEvent(seq, Instant.parse("2026-01-02T03:04:05.678901Z"), hostile, hostile,
                hostile, hostile, hostile, hostile, hostile, hostile, details, null, null), AuditChain.GENESIS);
    }

    /** Every hostile string as a whole event, then random events (sealed, so hash fields are set). */
    static List<AuditEvent> exportSamples(Random r) {
        List<AuditEvent> samples = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            samples.add(hostile(HOSTILE.get(i), i + 1));
        }
        for (int i = 0; i < 300; i++) {
            samples.add(AuditChain.seal(unsealed(r, i + 1), AuditChain.GENESIS));
        }
        return samples;
    }

    /** The details as a parsed tree, for comparing with what a format wrote (IntNode vs LongNode and such). */
    static JsonNode reparsed(JsonNode details) {
        try {
            return details == null || details.isNull() ? null : MAPPER.readTree(MAPPER.writeValueAsString(details));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The record's components, in order: tampering tests edit each one. */
    static final RecordComponent[] FIELDS = AuditEvent.class.getRecordComponents();

    /** The event with component {@code field} changed (seq moved far ahead, time by 1µs, text/JSON altered). */
    static AuditEvent edit(AuditEvent e, int field) {
        try {
            Object[] values = new Object[FIELDS.length];
            Class<?>[] types = new Class<?>[FIELDS.length];
            for (int i = 0; i < FIELDS.length; i++) {
                values[i] = FIELDS[i].getAccessor().invoke(e);
                types[i] = FIELDS[i].getType();
            }
            Object v = values[field];
            values[field] = v instanceof Long seq ? seq + 1_000_000
                    : v instanceof Instant time ? time.plusNanos(1000)
                    : types[field] == String.class ? (v == null ? "x" : v + "x")
                    : v instanceof ObjectNode details ? details.deepCopy().put("added by the test", true)
                    : MAPPER.createObjectNode().put("x", 1);
            return AuditEvent.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException ex) {
            throw new AssertionError(ex);
        }
    }

    /** The event with another seq and its old links and hash: a row whose seq column was rewritten. */
    static AuditEvent renumbered(AuditEvent e, long seq) {
        return new AuditEvent(seq, e.time(), e.actor(), e.action(), e.outcome(), e.themeId(), e.widgetId(),
                e.publicationId(), e.jobId(), e.requestId(), e.details(), e.prevHash(), e.hash());
    }

    /** A sealed chain of events 1..n. */
    static List<AuditEvent> chain(Random r, int n) {
        List<AuditEvent> events = new ArrayList<>(n);
        String prev = AuditChain.GENESIS;
        for (long seq = 1; seq <= n; seq++) {
            AuditEvent sealed = AuditChain.seal(unsealed(r, seq), prev);
            events.add(sealed);
            prev = sealed.hash();
        }
        return events;
    }

    static VerifyResult verify(List<AuditEvent> rows, ChainHead head) {
        ChainVerifier verifier = new ChainVerifier();
        rows.forEach(verifier::accept);
        return verifier.result(head);
    }
}
