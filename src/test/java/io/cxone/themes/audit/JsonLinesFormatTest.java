package io.cxone.themes.audit;

import static io.cxone.themes.audit.AuditFixtures.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.support.Seeds;

/** JSON lines carry every field, parse back to the same event, and an exported chain re-verifies offline. */
class JsonLinesFormatTest {
    private final JsonLinesFormat jsonl = new JsonLinesFormat();

    @Test
    void hostileAndRandomEventsRoundTrip() throws Exception {
        long seed = Seeds.seed();
        for (AuditEvent e : AuditFixtures.exportSamples(Seeds.random(seed))) {
            String line = jsonl.format(e);
            String tag = Seeds.tag(seed) + line;
            assertTrue(line.endsWith("\n"), tag);
            assertFalse(line.substring(0, line.length() - 1).chars().anyMatch(c -> ControlChars.isControl((char) c)),
                    "every control character (ESC, DEL, C1, U+2028/2029 too) is escaped: " + tag);
            JsonNode o = MAPPER.readTree(line);
            assertEquals(13, o.size(), tag);
            assertEquals(e.actor(), o.get("actor").asText(), tag);
            assertEquals(e.seq(), o.get("seq").asLong(), tag);
            AuditEvent back = JsonLinesFormat.parse(line);
            assertEquals(AuditChain.canonical(e), AuditChain.canonical(back), tag);
            assertEquals(e.hash(), back.hash(), tag);
            assertEquals(back.hash(), AuditChain.hash(back), "the exported event re-verifies: " + tag);
            assertEquals(Arrays.asList(e.themeId(), e.widgetId(), e.publicationId(), e.jobId(), e.requestId()),
                    Arrays.asList(back.themeId(), back.widgetId(), back.publicationId(), back.jobId(),
                            back.requestId()), tag);
        }
    }

    @Test
    void exportedChainVerifiesOffline() {
        long seed = Seeds.seed();
        Random r = Seeds.random(seed);
        List<AuditEvent> events = AuditFixtures.chain(r, 200);
        StringBuilder export = new StringBuilder();
        events.forEach(e -> export.append(jsonl.format(e)));
        ChainVerifier verifier = new ChainVerifier();
        export.toString().lines().map(JsonLinesFormat::parse).forEach(verifier::accept);
        assertEquals(VerifyResult.intact(200), verifier.result(ChainHead.of(events.get(199))), Seeds.tag(seed));
    }

    @Test
    void knownLine() {
        AuditEvent e = new AuditEvent(3, java.time.Instant.parse("2026-01-02T03:04:05Z"), "bob", "sync.widget",
                "failure", null, "w\n1", null, "j", "r", null, AuditChain.GENESIS, "h");
        assertEquals("{\"seq\":3,\"time\":\"2026-01-02T03:04:05Z\",\"actor\":\"bob\",\"action\":\"sync.widget\","
                + "\"outcome\":\"failure\",\"themeId\":null,\"widgetId\":\"w\\n1\",\"publicationId\":null,\"jobId\":\"j\","
                + "\"requestId\":\"r\",\"details\":null,\"prevHash\":\"" + AuditChain.GENESIS + "\",\"hash\":\"h\"}\n",
                jsonl.format(e));
        assertEquals("application/x-ndjson", jsonl.mediaType());
    }
}
