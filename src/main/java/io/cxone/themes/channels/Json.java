package io.cxone.themes.channels;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** JSON helpers of the monitor: stored jsonb read back, values for jsonb parameters, and the content hash. */
final class Json {
    private Json() {
    }

    /** A jsonb column read as text; null stays null. */
    static JsonNode read(ObjectMapper mapper, String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored channel monitor column is not JSON", e);
        }
    }

    /** A jsonb parameter: a JsonObject/JsonArray, never a String (the driver would store a JSON string value). */
    static Object param(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isArray() ? new JsonArray(node.toString()) : new JsonObject(node.toString());
    }

    /**
     * The sha256 of {@code node} with object keys sorted: CXone may send the same look with its keys in another order,
     * which is not a change of the live look.
     */
    static String contentHash(JsonNode node) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sorted(node).toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(sorted(n)));
            return out;
        }
        return node;
    }
}
