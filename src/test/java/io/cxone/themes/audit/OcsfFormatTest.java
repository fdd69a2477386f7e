package io.cxone.themes.audit;

import static io.cxone.themes.audit.AuditFixtures.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.support.Seeds;

/** OCSF lines parse with Jackson, classify each action as documented and carry the event's values unchanged. */
class OcsfFormatTest {
    private final OcsfFormat ocsf = new OcsfFormat("theme-svc-1");

    @Test
    void everyKnownActionHasItsClassAndActivity() throws Exception {
        Map<String, int[]> expected = new HashMap<>();
        expected.put("theme.created", new int[] { 3004, 1 });
        expected.put("theme.imported", new int[] { 3004, 1 });
        expected.put("theme.updated", new int[] { 3004, 3 });
        expected.put("theme.deleted", new int[] { 3004, 4 });
        expected.put("publication.requested", new int[] { 6003, 1 });
        expected.put("publication.submitted", new int[] { 6003, 3 });
        expected.put("publication.activated", new int[] { 6003, 3 });
        expected.put("publication.failed", new int[] { 6003, 3 });
        expected.put("publication.rollback", new int[] { 6003, 3 });
        expected.put("assignment.updated", new int[] { 6003, 3 });
        expected.put("sync.created", new int[] { 6003, 1 });
        expected.put("sync.widget", new int[] { 6003, 3 });
        expected.put("sync.finished", new int[] { 6003, 99 });
        expected.put("something.new", new int[] { 6003, 99 });
        assertTrue(expected.keySet().containsAll(AuditFixtures.ACTIONS));
        for (Map.Entry<String, int[]> x : expected.entrySet()) {
            AuditEvent e = new AuditEvent(9, java.time.Instant.ofEpochMilli(1_767_323_045_678L), "alice", x.getKey(),
                    "success", "t1", null, null, null, "req-1", null, "p", "h");
            JsonNode o = MAPPER.readTree(ocsf.format(e));
            int classUid = x.getValue()[0], activity = x.getValue()[1];
            assertEquals(classUid, o.get("class_uid").asInt(), x.getKey());
            assertEquals(classUid == 3004 ? 3 : 6, o.get("category_uid").asInt(), x.getKey());
            assertEquals(activity, o.get("activity_id").asInt(), x.getKey());
            assertEquals(classUid * 100L + activity, o.get("type_uid").asLong(), x.getKey());
            assertEquals(1_767_323_045_678L, o.get("time").asLong());
            assertEquals(classUid == 3004 ? "t1" : null, o.at("/entity/uid").textValue(), x.getKey());
            assertEquals(classUid == 6003 ? x.getKey() : null, o.at("/api/operation").textValue(), x.getKey());
            assertEquals(classUid == 6003 ? "t1" : null, o.at("/resources/0/uid").textValue(), x.getKey());
        }
    }

    @Test
    void hostileAndRandomEventsRoundTrip() throws Exception {
        long seed = Seeds.seed();
        for (AuditEvent e : AuditFixtures.exportSamples(Seeds.random(seed))) {
            String line = ocsf.format(e);
            String tag = Seeds.tag(seed) + line;
            assertTrue(line.endsWith("\n"), tag);
            assertFalse(line.substring(0, line.length() - 1).chars().anyMatch(c -> ControlChars.isControl((char) c)),
                    "every control character (ESC, DEL, C1, U+2028/2029 too) is escaped: " + tag);
            JsonNode o = MAPPER.readTree(line);
            assertEquals(e.actor(), o.at("/actor/user/name").textValue(), tag);
            assertEquals(Long.toString(e.seq()), o.at("/metadata/uid").textValue(), tag);
            assertEquals("1.1.0", o.at("/metadata/version").textValue(), tag);
            assertEquals("cxone-theme-service", o.at("/metadata/product/name").textValue(), tag);
            assertEquals("NICE-CXone-Tools", o.at("/metadata/product/vendor_name").textValue(), tag);
            assertEquals(e.requestId(), o.at("/metadata/correlation_uid").textValue(), tag);
            assertEquals(e.outcome(), o.get("status_detail").textValue(), tag);
            assertEquals(e.succeeded() ? 1 : 2, o.get("status_id").asInt(), tag);
            assertEquals(e.succeeded() ? 1 : 3, o.get("severity_id").asInt(), tag);
            assertEquals(e.time().toEpochMilli(), o.get("time").asLong(), tag);
            assertEquals(OcsfFormat.classUid(e.action()) * 100L + OcsfFormat.activityId(e.action()),
                    o.get("type_uid").asLong(), tag);
            Map<String, String> resources = new HashMap<>();
            o.path("resources").forEach(r -> resources.put(r.get("type").textValue(), r.get("uid").textValue()));
            String theme = OcsfFormat.classUid(e.action()) == 3004 ? o.at("/entity/uid").textValue()
                    : resources.get("theme");
            assertEquals(e.themeId(), theme, tag);
            assertEquals(e.widgetId(), resources.get("widget"), tag);
            assertEquals(e.publicationId(), resources.get("publication"), tag);
            assertEquals(e.jobId(), resources.get("sync_job"), tag);
            JsonNodeAssert.sameJson(AuditFixtures.reparsed(e.details()), o.get("unmapped"), tag);
        }
    }
}
