package io.cxone.themes.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

/** JSON equality that treats a missing value, null and NullNode alike. */
final class JsonNodeAssert {
    private JsonNodeAssert() {
    }

    static void sameJson(JsonNode expected, JsonNode actual, String tag) {
        assertEquals(expected == null || expected.isNull() ? null : expected,
                actual == null || actual.isNull() ? null : actual, tag);
    }
}
