package io.cxone.themes.audit;

import static io.cxone.themes.audit.AuditFixtures.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;

import io.cxone.themes.support.Seeds;

/** The canonical form and hash: pinned, order-independent, and stable through a jsonb round trip. */
class AuditChainTest {
    private static final String GOLDEN_CANONICAL = "{\"action\":\"theme.updated\",\"actor\":\"alice@example.com\","
            + "\"details\":{\"a\":\"x\\ny\",\"b\":[1,2.5,{\"a\":null,\"z\":true}]},\"jobId\":null,\"outcome\":\"success\","
            + "\"prevHash\":\"" + "0".repeat(64) + "\",\"publicationId\":null,\"requestId\":\"req-9\",\"seq\":42,"
            + "\"themeId\":\"t-1\",\"time\":\"2024-05-06T07:08:09.123456Z\",\"widgetId\":null}";
    // changing the canonical form makes every stored chain fail verification: this pin is meant to stop that
    private static final String GOLDEN_HASH = "d34694e4ccb810824eac089182296b3205e7bf87f7701f9c7a765f2090b0e543";

    private static AuditEvent golden() throws Exception {
        JsonNode details = MAPPER.readTree("{\"b\":[1,2.5,{\"z\":true,\"a\":null}],\"a\":\"x\\ny\"}");
        return new AuditEvent(42, Instant.parse("2024-05-06T07:08:09.123456789Z"), "alice@example.com",
                "theme.updated", "success", "t-1", null, null, null, "req-9", details, AuditChain.GENESIS, "ignored");
    }

    @Test
    void genesisIsSixtyFourZeros() {
        assertEquals("0000000000000000000000000000000000000000000000000000000000000000", AuditChain.GENESIS);
    }

    @Test
    void canonicalFormIsPinned() throws Exception {
        assertEquals(GOLDEN_CANONICAL, AuditChain.canonical(golden()));
        assertEquals(GOLDEN_HASH, AuditChain.hash(golden()));
    }

    @Test
    void canonicalExcludesHashButIncludesPrevHashAndSeq() throws Exception {
        AuditEvent e = golden();
        assertEquals(AuditChain.canonical(e), AuditChain.canonical(e.withHash(e.prevHash(), "other")));
        assertNotEquals(AuditChain.hash(e), AuditChain.hash(e.withHash("1".repeat(64), e.hash())));
        assertNotEquals(AuditChain.hash(e), AuditChain.hash(e.withSeq(43).withHash(e.prevHash(), null)));
    }

    @Test
    void sealLinksTruncatesTimeToMicrosAndHashes() throws Exception {
        AuditEvent sealed = AuditChain.seal(golden().withHash(null, null), "ab".repeat(32));
        assertEquals("ab".repeat(32), sealed.prevHash());
        assertEquals(AuditChain.hash(sealed), sealed.hash());
        assertTrue(sealed.hash().matches("[0-9a-f]{64}"));
        assertEquals(Instant.parse("2024-05-06T07:08:09.123456Z"), sealed.time());
    }

    @Test
    void nullDetailsAndNullNodeHashAlikeAndControlCharactersAreEscaped() throws Exception {
        AuditEvent e = golden();
        AuditEvent withNull = new AuditEvent(1, e.time(), "a\u0001\u001f\t\r\n\"\\", "x", "success", null, null,
                null, null, null, null, null, null);
        AuditEvent withNullNode = new AuditEvent(1, e.time(), withNull.actor(), "x", "success", null, null, null,
                null, null, MAPPER.nullNode(), null, null);
        assertEquals(AuditChain.canonical(withNull), AuditChain.canonical(withNullNode));
        assertTrue(AuditChain.canonical(withNull).contains("\"actor\":\"a\\u0001\\u001f\\t\\r\\n\\\"\\\\\""),
                AuditChain.canonical(withNull));
        assertTrue(AuditChain.canonical(withNull).contains("\"prevHash\":null,"));
    }

    @Test
    void keyOrderDoesNotMatterAtAnyDepth() throws Exception {
        JsonNode a = MAPPER.readTree("{\"x\":{\"b\":1,\"a\":[{\"d\":1,\"c\":2}]},\"é\":0,\"B\":true,\"a\":\"s\"}");
        JsonNode b = MAPPER.readTree("{\"a\":\"s\",\"B\":true,\"é\":0,\"x\":{\"a\":[{\"c\":2,\"d\":1}],\"b\":1}}");
        assertEquals(AuditChain.canonical(withDetails(a)), AuditChain.canonical(withDetails(b)));
        String sorted = "{\"B\":true,\"a\":\"s\",\"x\":{\"a\":[{\"c\":2,\"d\":1}],\"b\":1},\"é\":0}";
        assertTrue(AuditChain.canonical(withDetails(a)).contains(sorted), AuditChain.canonical(withDetails(a)));
    }

    @Test
    void numbersSurviveJacksonAndJsonbRoundTrips() throws Exception {
        ObjectNode d = MAPPER.createObjectNode();
        d.put("half", 1.5).put("tenth", 0.1).put("sum", 0.1 + 0.2).put("big", 1e20).put("tiny", 1e-7);
        d.put("negZero", -0.0).put("one", 1.0).put("max", Long.MAX_VALUE).put("min", Long.MIN_VALUE);
        d.put("int", 7).put("float", 0.1f).put("huge", new BigInteger("2").pow(70)).put("maxDouble", Double.MAX_VALUE);
        d.put("decimal", new BigDecimal("2.50")).put("nan", Double.NaN).put("inf", Double.NEGATIVE_INFINITY);
        assertStable(d, "fixed");
        String canonical = AuditChain.canonical(withDetails(d));
        assertTrue(canonical.contains("\"big\":100000000000000000000,"), canonical);
        assertTrue(canonical.contains("\"tiny\":0.0000001}") && canonical.contains("\"one\":1,"), canonical);
        assertTrue(canonical.contains("\"max\":9223372036854775807,") && canonical.contains("\"float\":0.1,"), canonical);
        assertTrue(canonical.contains("\"nan\":\"NaN\",") && canonical.contains("\"decimal\":2.5,"), canonical);
    }

    @Test
    void randomDetailsSurviveJacksonAndJsonbRoundTrips() throws Exception {
        long seed = Seeds.seed();
        Random r = Seeds.random(seed);
        for (int trial = 0; trial < 500; trial++) {
            assertStable(AuditFixtures.details(r, 3), Seeds.tag(seed) + "trial " + trial);
        }
    }

    @Test
    void refusesNonJsonDetails() {
        ObjectNode d = MAPPER.createObjectNode().set("pojo", new POJONode(new Object()));
        assertThrows(IllegalArgumentException.class, () -> AuditChain.canonical(withDetails(d)));
    }

    @Test
    void canonicalHasNoRawLineBreaks() {
        long seed = Seeds.seed();
        Random r = Seeds.random(seed);
        for (int i = 0; i < 200; i++) {
            String canonical = AuditChain.canonical(AuditFixtures.unsealed(r, i + 1));
            assertFalse(canonical.contains("\n") || canonical.contains("\r"), Seeds.tag(seed) + canonical);
        }
    }

    /** canonical(details) is unchanged by serialize → parse, and by serialize → jsonb → parse. */
    private static void assertStable(JsonNode details, String tag) throws Exception {
        String expected = AuditChain.canonical(withDetails(details));
        String json = MAPPER.writeValueAsString(details);
        assertEquals(expected, AuditChain.canonical(withDetails(MAPPER.readTree(json))), tag + " jackson: " + json);
        String jsonb = Jsonb.roundTrip(json);
        assertEquals(expected, AuditChain.canonical(withDetails(MAPPER.readTree(jsonb))), tag + " jsonb: " + jsonb);
    }

    private static AuditEvent withDetails(JsonNode details) {
        return new AuditEvent(1, Instant.EPOCH, "a", "theme.created", "success", null, null, null, null, null,
                details, AuditChain.GENESIS, null);
    }

    /**
     * What PostgreSQL jsonb hands back: keys ordered by length then bytes, numbers as numeric prints them (the input's
     * digits, exponent expanded: 1.0E20 → 100000000000000000000, 1.0E-7 → 0.00000010).
     */
    static final class Jsonb {
        private static final ObjectMapper EXACT = new ObjectMapper()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

        static String roundTrip(String json) throws Exception {
            return EXACT.writeValueAsString(numeric(EXACT.readTree(json)));
        }

        private static JsonNode numeric(JsonNode n) {
            if (n.isObject()) {
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
                n.fields().forEachRemaining(fields::add);
                fields.sort(Comparator.comparing((Map.Entry<String, JsonNode> f) -> f.getKey().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8).length).thenComparing(Map.Entry::getKey));
                ObjectNode o = EXACT.createObjectNode();
                fields.forEach(f -> o.set(f.getKey(), numeric(f.getValue())));
                return o;
            }
            if (n.isArray()) {
                ArrayNode a = EXACT.createArrayNode();
                n.forEach(e -> a.add(numeric(e)));
                return a;
            }
            if (n.isNumber()) {
                BigDecimal v = n.decimalValue();
                return EXACT.getNodeFactory().numberNode(v.scale() < 0 ? v.setScale(0) : v);
            }
            return n;
        }
    }
}
