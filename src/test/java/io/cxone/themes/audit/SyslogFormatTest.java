package io.cxone.themes.audit;

import static io.cxone.themes.audit.AuditFixtures.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Seeds;

/** Syslog lines follow the RFC 5424 grammar and their SD params decode to exactly the event's values. */
class SyslogFormatTest {
    // HEADER per RFC 5424 section 6: PRI VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP
    private static final Pattern HEADER = Pattern.compile("<(\\d{1,3})>1 (-|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}"
            + "(?:\\.\\d{1,6})?Z) ([!-~]{1,255}) ([!-~]{1,48}) ([!-~]{1,128}) ([!-~]{1,32}) ");
    // SD-NAME: 1*32 PRINTUSASCII except '=', SP, ']' and '"'
    private static final Pattern SD_NAME = Pattern.compile("[!#-<>-\\\\^-~]{1,32}");

    private final SyslogFormat syslog = new SyslogFormat("theme-svc-1.example.com");

    @Test
    void hostileAndRandomEventsFollowTheGrammarAndDecode() throws Exception {
        long seed = Seeds.seed();
        for (AuditEvent e : AuditFixtures.exportSamples(Seeds.random(seed))) {
            String line = syslog.format(e);
            String tag = Seeds.tag(seed) + line;
            assertTrue(line.endsWith("\n"), tag);
            String body = line.substring(0, line.length() - 1);
            assertFalse(body.chars().anyMatch(ch -> Character.isISOControl(ch) || ch == 0x2028 || ch == 0x2029),
                    "raw control character: " + tag);
            Matcher h = HEADER.matcher(body);
            assertTrue(h.lookingAt(), "header: " + tag);
            assertEquals(13 * 8 + (e.succeeded() ? 6 : 4), Integer.parseInt(h.group(1)), tag);
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(e.time()), h.group(2), tag);
            assertEquals("theme-svc-1.example.com", h.group(3), tag);
            assertEquals("cxone-theme-service", h.group(4), tag);
            assertEquals("-", h.group(5), tag);
            assertTrue(h.group(6).equals(e.action()) || h.group(6).equals("-"), tag);
            Sd sd = structuredData(body, h.end(), tag);
            assertEquals("audit@32473", sd.id(), tag);
            Map<String, String> p = sd.params();
            assertEquals(Long.toString(e.seq()), p.get("seq"), tag);
            assertEquals(e.actor(), p.get("actor"), tag);
            assertEquals(e.action(), p.get("action"), tag);
            assertEquals(e.outcome(), p.get("outcome"), tag);
            assertEquals(e.themeId(), p.get("themeId"), tag);
            assertEquals(e.widgetId(), p.get("widgetId"), tag);
            assertEquals(e.publicationId(), p.get("publicationId"), tag);
            assertEquals(e.jobId(), p.get("jobId"), tag);
            assertEquals(e.requestId(), p.get("requestId"), tag);
            assertEquals(e.hash(), p.get("hash"), tag);
            String rest = body.substring(sd.end());
            if (rest.isEmpty()) {
                JsonNodeAssert.sameJson(AuditFixtures.reparsed(e.details()), null, tag);
            } else {
                assertTrue(rest.startsWith(" ") && rest.chars().allMatch(c -> c >= 0x20 && c < 0x7f),
                        "MSG is one SP and printable ASCII JSON: " + tag);
                JsonNodeAssert.sameJson(AuditFixtures.reparsed(e.details()), MAPPER.readTree(rest.substring(1)), tag);
            }
        }
    }

    @Test
    void hostnameIsNilWhenUnsetAndRefusedWhenInvalid() {
        AuditEvent e = AuditFixtures.hostile("x", 1);
        assertTrue(new SyslogFormat(null).format(e).startsWith(
                "<108>1 2026-01-02T03:04:05.678901Z - cxone-theme-service - x [audit@32473 seq=\"1\" actor=\"x\""));
        assertTrue(new SyslogFormat(" ").format(e).contains("Z - cxone-theme-service"));
        assertThrows(IllegalArgumentException.class, () -> new SyslogFormat("two words"));
        assertThrows(IllegalArgumentException.class, () -> new SyslogFormat("hôte"));
        assertThrows(IllegalArgumentException.class, () -> new SyslogFormat("h".repeat(256)));
    }

    @Test
    void everyControlCharacterIsEscapedInParamsAndMessage() throws Exception {
        // C0, DEL, C1 and the two Unicode line separators: none may reach a collector or a terminal raw
        String controls = "a\u0000\u0007\t\u001B[2J\u007F\u0080\u0085\u009B\u009F\u2028\u2029z";
        AuditEvent e = AuditFixtures.hostile(controls, 3);
        String line = syslog.format(e);
        assertTrue(line.contains(" actor=\"a\\u0000\\u0007\\t\\u001B[2J\\u007F\\u0080\\u0085\\u009B\\u009F"
                + "\\u2028\\u2029z\" "), line);
        String body = line.substring(0, line.length() - 1);
        assertFalse(body.chars().anyMatch(ch -> Character.isISOControl(ch) || ch == 0x2028 || ch == 0x2029), line);
        Sd sd = structuredData(body, body.indexOf('['), line);
        assertEquals(controls, sd.params().get("actor"));
        JsonNodeAssert.sameJson(AuditFixtures.reparsed(e.details()), MAPPER.readTree(body.substring(sd.end() + 1)), line);
    }

    record Sd(String id, Map<String, String> params, int end) {
    }

    /** One SD-ELEMENT: "[" SD-ID *(SP PARAM-NAME "=" DQUOTE PARAM-VALUE DQUOTE) "]", decoding \" \\ \] \n \r. */
    static Sd structuredData(String s, int start, String tag) {
        assertEquals('[', s.charAt(start), tag);
        int i = start + 1;
        int idEnd = i;
        while (s.charAt(idEnd) != ' ' && s.charAt(idEnd) != ']') {
            idEnd++;
        }
        String id = s.substring(i, idEnd);
        assertTrue(SD_NAME.matcher(id).matches(), "SD-ID " + id + ": " + tag);
        i = idEnd;
        Map<String, String> params = new LinkedHashMap<>();
        while (s.charAt(i) == ' ') {
            int eq = s.indexOf('=', i);
            String name = s.substring(i + 1, eq);
            assertTrue(SD_NAME.matcher(name).matches(), "PARAM-NAME " + name + ": " + tag);
            assertEquals('"', s.charAt(eq + 1), tag);
            StringBuilder value = new StringBuilder();
            i = eq + 2;
            for (char c = s.charAt(i); c != '"'; c = s.charAt(i)) {
                assertTrue(c != ']', "unescaped ] in " + name + ": " + tag);
                if (c == '\\') {
                    char next = s.charAt(++i);
                    if (next == 'u') {
                        value.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 5;
                        continue;
                    }
                    value.append(switch (next) {
                        case '"', '\\', ']' -> next;
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        default -> throw new AssertionError("unexpected escape \\" + next + ": " + tag);
                    });
                } else {
                    value.append(c);
                }
                i++;
            }
            assertNull(params.put(name, value.toString()), "repeated " + name + ": " + tag);
            i++;
        }
        assertEquals(']', s.charAt(i), tag);
        return new Sd(id, params, i + 1);
    }
}
