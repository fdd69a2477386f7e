package io.cxone.themes.audit;

import static io.cxone.themes.audit.AuditFixtures.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Seeds;

/** CEF lines parse back, by an independent parser, to exactly the event's values, whatever they contain. */
class CefFormatTest {
    private final CefFormat cef = new CefFormat();

    @Test
    void hostileAndRandomEventsParseBack() throws Exception {
        long seed = Seeds.seed();
        for (AuditEvent e : AuditFixtures.exportSamples(Seeds.random(seed))) {
            String line = cef.format(e);
            String tag = Seeds.tag(seed) + line;
            Cef parsed = parse(line, tag);
            assertEquals(List.of("CEF:0", "NICE-CXone-Tools", "cxone-theme-service", "1.0", e.action(),
                    e.action() + " " + e.outcome(), e.succeeded() ? "3" : "7"), parsed.header(), tag);
            Map<String, String> x = parsed.extension();
            assertEquals(Long.toString(e.time().toEpochMilli()), x.get("rt"), tag);
            assertEquals(e.actor(), x.get("suser"), tag);
            assertEquals(e.action(), x.get("act"), tag);
            assertEquals(e.outcome(), x.get("outcome"), tag);
            labelled(x, "cs1", "themeId", e.themeId(), tag);
            labelled(x, "cs2", "widgetId", e.widgetId(), tag);
            labelled(x, "cs3", "publicationId", e.publicationId(), tag);
            labelled(x, "cs4", "jobId", e.jobId(), tag);
            labelled(x, "cs5", "requestId", e.requestId(), tag);
            labelled(x, "cn1", "seq", Long.toString(e.seq()), tag);
            labelled(x, "cs6", "hash", e.hash(), tag);
            JsonNodeAssert.sameJson(AuditFixtures.reparsed(e.details()),
                    x.containsKey("msg") ? MAPPER.readTree(x.get("msg")) : null, tag);
        }
    }

    @Test
    void knownLine() {
        AuditEvent e = AuditFixtures.hostile("a|b=c\\d\ne", 7).withHash(null, "h");
        assertTrue(cef.format(e).startsWith("CEF:0|NICE-CXone-Tools|cxone-theme-service|1.0|a\\|b=c\\\\d\\ne|"
                + "a\\|b=c\\\\d\\ne a\\|b=c\\\\d\\ne|7|rt=1767323045678 suser=a|b\\=c\\\\d\\ne act=a|b\\=c\\\\d\\ne "),
                cef.format(e));
        assertTrue(cef.format(e).endsWith(" cs6Label=hash cs6=h msg={\"a|b\\=c\\\\\\\\d\\\\ne\":\"a|b\\=c\\\\\\\\d\\\\ne\","
                + "\"n\":1.5,\"list\":[\"a|b\\=c\\\\\\\\d\\\\ne\",{\"ka|b\\=c\\\\\\\\d\\\\ne\":9223372036854775807}]}\n"),
                cef.format(e));
    }

    @Test
    void everyControlCharacterIsEscapedInHeaderAndExtension() {
        // C0, DEL, C1 and the two Unicode line separators: none may reach a SIEM or a terminal raw
        String controls = "a\u0000\u0007\t\u001B[2J\u007F\u0080\u0085\u009B\u009F\u2028\u2029z";
        String line = cef.format(AuditFixtures.hostile(controls, 3).withHash(null, "h"));
        String escaped = "a\\u0000\\u0007\\t\\u001B[2J\\u007F\\u0080\\u0085\\u009B\\u009F\\u2028\\u2029z";
        assertTrue(line.startsWith("CEF:0|NICE-CXone-Tools|cxone-theme-service|1.0|" + escaped + "|"), line);
        assertTrue(line.contains(" suser=" + escaped + " "), line);
        assertFalse(line.substring(0, line.length() - 1).chars()
                .anyMatch(ch -> Character.isISOControl(ch) || ch == 0x2028 || ch == 0x2029), line);
        assertEquals(controls, parse(line, line).extension().get("suser"));
    }

    private static void labelled(Map<String, String> x, String key, String label, String value, String tag) {
        assertEquals(value == null ? null : label, x.get(key + "Label"), tag);
        assertEquals(value, x.get(key), tag);
    }

    record Cef(List<String> header, Map<String, String> extension) {
    }

    /** A CEF parser: seven unescaped pipes end the header; an extension key is the word before an unescaped '='. */
    static Cef parse(String line, String tag) {
        assertTrue(line.endsWith("\n"), tag);
        String body = line.substring(0, line.length() - 1);
        assertFalse(body.chars().anyMatch(ch -> Character.isISOControl(ch) || ch == 0x2028 || ch == 0x2029),
                "raw control character: " + tag);
        List<String> header = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (header.size() < 7) {
            if (i >= body.length()) {
                fail("fewer than seven unescaped pipes: " + tag);
            }
            char c = body.charAt(i++);
            if (c == '\\') {
                char next = body.charAt(i++);
                if (next == 'u') {
                    field.append((char) Integer.parseInt(body.substring(i, i + 4), 16));
                    i += 4;
                    continue;
                }
                field.append(switch (next) {
                    case '\\', '|' -> next;
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> throw new AssertionError("bad header escape \\" + next + ": " + tag);
                });
            } else if (c == '|') {
                header.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        String ext = body.substring(i);
        List<Integer> equalsSigns = new ArrayList<>();
        for (int j = 0; j < ext.length(); j++) {
            if (ext.charAt(j) == '\\') {
                j++;
            } else if (ext.charAt(j) == '=') {
                equalsSigns.add(j);
            }
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        int keyStart = 0;
        for (int n = 0; n < equalsSigns.size(); n++) {
            int eq = equalsSigns.get(n);
            String key = ext.substring(keyStart, eq);
            assertTrue(key.matches("[A-Za-z0-9]+"), "bad key '" + key + "': " + tag);
            int valueEnd = ext.length();
            if (n + 1 < equalsSigns.size()) {
                valueEnd = ext.lastIndexOf(' ', equalsSigns.get(n + 1));
                assertTrue(valueEnd > eq, "no separator before the next key: " + tag);
            }
            assertNull(pairs.put(key, unescapeValue(ext.substring(eq + 1, valueEnd), tag)), "repeated " + key);
            keyStart = valueEnd + 1;
        }
        return new Cef(header, pairs);
    }

    private static String unescapeValue(String raw, String tag) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = raw.charAt(++i);
            if (next == 'u') {
                out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                i += 4;
                continue;
            }
            out.append(switch (next) {
                case '\\', '=' -> next;
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                default -> throw new AssertionError("bad extension escape \\" + next + ": " + tag);
            });
        }
        return out.toString();
    }
}
