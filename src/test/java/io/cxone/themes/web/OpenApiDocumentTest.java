package io.cxone.themes.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.support.JwtTestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The served OpenAPI document (/q/openapi) is one a portal can generate a client from: no framework types
 * among its schemas, the bearer scheme declared once and named by every secured operation without scopes (roles in
 * x-roles), 401/403 as problem+json, and every array schema with its items.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class OpenApiDocumentTest {

    /**
     * Types of Vert.x, Netty, Mutiny, Jackson, JAX-RS and the security layer that method signatures can leak into
     * components/schemas: written out here on their own (not OpenApiDocumentFilter's list), so the test does not just
     * repeat the filter.
     */
    static final Set<String> FRAMEWORK_TYPES = Set.of(
            // Vert.x web and core
            "RoutingContext", "HttpServerRequest", "HttpServerResponse", "User", "Session", "AuthProvider",
            "JsonObject", "JsonArray", "Buffer", "MultiMap", "Cookie", "Vertx", "Context", "SocketAddress",
            "RequestBody", "FileUpload", "ParsedHeaderValues", "Route", "Router", "HttpConnection",
            // Netty
            "ByteBuf", "ByteBufAllocator", "Channel", "EventLoop",
            // Jackson
            "JsonNode", "JsonNodeType", "ObjectNode", "ArrayNode", "TextNode", "JsonParser", "JsonGenerator",
            // Mutiny, JAX-RS, RESTEasy Reactive
            "Uni", "Multi", "RestMulti", "Response", "RestResponse", "StatusType", "MediaType", "EntityTag",
            "Link", "UriBuilder", "MultivaluedMapStringObject", "MultivaluedMapStringString", "NewCookie",
            // security
            "SecurityIdentity", "Principal", "JsonWebToken", "Permission", "Credential");

    JsonNode doc;

    @BeforeEach
    void read() throws Exception {
        // per test: RestAssured points at the application only once Quarkus has made the test instance
        String json = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        doc = new ObjectMapper().readTree(json);
    }

    @Test
    void noFrameworkTypesAmongTheSchemas() {
        List<String> leaked = new ArrayList<>();
        doc.path("components").path("schemas").fieldNames().forEachRemaining(name -> {
            if (FRAMEWORK_TYPES.contains(name)) {
                leaked.add(name);
            }
        });
        assertEquals(List.of(), leaked, "framework types in components/schemas");
        assertFalse(doc.path("components").path("schemas").isEmpty(), "the API's own schemas are there");
        // and nothing refers to a schema that is not declared
        List<String> dangling = new ArrayList<>();
        walk(doc, "", (path, node) -> {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.asText().startsWith("#/components/schemas/")
                    && !doc.path("components").path("schemas").has(ref.asText().substring("#/components/schemas/".length()))) {
                dangling.add(path + " -> " + ref.asText());
            }
        });
        assertEquals(List.of(), dangling, "references to undeclared schemas");
    }

    @Test
    void theBearerSchemeIsDeclaredOnceWithTheRoles() {
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertEquals(1, schemes.size(), "one security scheme: " + schemes);
        JsonNode bearer = schemes.path(OpenApiDocumentFilter.SCHEME);
        assertEquals("http", bearer.path("type").asText());
        assertEquals("bearer", bearer.path("scheme").asText());
        assertEquals("JWT", bearer.path("bearerFormat").asText());
        for (String role : List.of("theme-viewer", "theme-editor", "theme-publisher", "auditor", "groups")) {
            assertTrue(bearer.path("description").asText().contains(role), "the scheme's description names " + role);
        }
    }

    @Test
    void everySecuredOperationNamesTheSchemeWithoutScopesAndAnswersProblems() {
        int secured = 0;
        List<String> wrong = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(op.getKey())) {
                    continue;
                }
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode security = op.getValue().get("security");
                if (path.getKey().startsWith("/q/")) {
                    if (security == null || !security.isArray() || !security.isEmpty()) {
                        wrong.add(where + ": Quarkus's own endpoints are open (security: [])");
                    }
                    continue;
                }
                // everything under /api and /preview needs a token (@RolesAllowed on every resource)
                if (security == null || security.isEmpty()) {
                    wrong.add(where + ": no security requirement");
                    continue;
                }
                secured++;
                for (JsonNode requirement : security) {
                    if (requirement.size() != 1 || !requirement.has(OpenApiDocumentFilter.SCHEME)
                            || !requirement.path(OpenApiDocumentFilter.SCHEME).isArray()
                            || !requirement.path(OpenApiDocumentFilter.SCHEME).isEmpty()) {
                        wrong.add(where + ": requirement " + requirement + " is not {bearerAuth: []}");
                    }
                }
                JsonNode roles = op.getValue().path("x-roles");
                if (!roles.isArray() || roles.isEmpty()) {
                    wrong.add(where + ": no x-roles");
                }
                for (String status : List.of("401", "403")) {
                    JsonNode schema = op.getValue().path("responses").path(status).path("content")
                            .path("application/problem+json").path("schema");
                    if (!"#/components/schemas/Problem".equals(schema.path("$ref").asText())) {
                        wrong.add(where + ": no " + status + " problem+json response");
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(secured >= 30, "the API's operations are in the document: " + secured);
        assertTrue(doc.path("components").path("schemas").has("Problem"));
    }

    @Test
    void everyArraySchemaHasItems() {
        List<String> bare = new ArrayList<>();
        walk(doc, "", (path, node) -> {
            JsonNode type = node.get("type");
            boolean array = type != null && (type.isTextual() ? "array".equals(type.asText())
                    : type.isArray() && type.toString().contains("\"array\""));
            if (array && !node.has("items")) {
                bare.add(path);
            }
        });
        assertEquals(List.of(), bare, "array schemas without items");
    }

    /**
     * A $ref with a type beside it (what the scan makes of an enum or UUID property with an example or default) makes
     * OpenAPI Generator warn and drop the type: a reference stands alone, its schema says the type.
     */
    @Test
    void noTypeBesideAReference() {
        List<String> typed = new ArrayList<>();
        walk(doc, "", (path, node) -> {
            if (node.has("$ref") && node.has("type")) {
                typed.add(path + ": " + node);
            }
        });
        assertEquals(List.of(), typed, "schemas with both $ref and type");
    }

    /**
     * Every 4xx/5xx of the API is a problem document: the resources name only the status and the filter gives it the
     * problem+json body, with the Problem schema scanned from the record (its fields, not the filter's fallback).
     */
    @Test
    void everyErrorResponseIsAProblem() {
        List<String> wrong = new ArrayList<>();
        int errors = 0;
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
            if (path.getKey().startsWith("/q/")) {
                continue; // health's 503 is its own JSON
            }
            for (var op : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                for (var response : (Iterable<Map.Entry<String, JsonNode>>) op.getValue().path("responses")::fields) {
                    if (!response.getKey().startsWith("4") && !response.getKey().startsWith("5")) {
                        continue;
                    }
                    errors++;
                    JsonNode content = response.getValue().path("content");
                    if (content.size() != 1 || !"#/components/schemas/Problem".equals(
                            content.path(OpenApiDocumentFilter.PROBLEM_JSON).path("schema").path("$ref").asText())) {
                        wrong.add(op.getKey() + " " + path.getKey() + " " + response.getKey() + ": " + content);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong, "error responses that are not problem+json Problem");
        assertTrue(errors > 150, "the error responses are there: " + errors);
        JsonNode problem = doc.path("components").path("schemas").path("Problem");
        assertEquals("int32", problem.path("properties").path("status").path("format").asText());
        assertEquals("#/components/schemas/FieldError",
                problem.path("properties").path("errors").path("items").path("$ref").asText());
    }

    /** Every list's page and size are whole numbers in the document (a generated client takes an Integer, not a String). */
    @Test
    void pageAndSizeAreIntegers() {
        List<String> wrong = new ArrayList<>();
        int lists = 0;
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
            for (var op : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                for (JsonNode parameter : op.getValue().path("parameters")) {
                    String name = parameter.path("name").asText();
                    if ("query".equals(parameter.path("in").asText()) && Set.of("page", "size").contains(name)) {
                        lists++;
                        if (!"integer".equals(parameter.path("schema").path("type").asText())
                                || !parameter.path("schema").has("minimum") || !parameter.path("schema").has("default")) {
                            wrong.add(op.getKey() + " " + path.getKey() + " " + name + ": " + parameter);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wrong, "page/size parameters that are not integers with a minimum and a default");
        assertTrue(lists >= 14, "the lists are there: " + lists);
    }

    /** The service answers every request with X-Request-Id (log.RequestIds): every response says so. */
    @Test
    void everyResponseDeclaresTheRequestIdHeader() {
        assertEquals("string", doc.path("components").path("headers").path("X-Request-Id").path("schema").path("type")
                .asText(), "the header is declared once among the components");
        List<String> without = new ArrayList<>();
        int responses = 0;
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
            for (var op : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                for (var response : (Iterable<Map.Entry<String, JsonNode>>) op.getValue().path("responses")::fields) {
                    responses++;
                    if (!"#/components/headers/X-Request-Id".equals(response.getValue().path("headers")
                            .path("X-Request-Id").path("$ref").asText())) {
                        without.add(op.getKey() + " " + path.getKey() + " " + response.getKey());
                    }
                }
            }
        }
        assertEquals(List.of(), without, "responses without X-Request-Id");
        assertTrue(responses > 100, "the responses are there: " + responses);
    }

    /**
     * Every JSON body is a named schema (a generator makes a class of each; an inline object becomes
     * "listWatches_200_response"), and the names say what they hold.
     */
    @Test
    void everyJsonBodyIsANamedSchema() {
        List<String> inline = new ArrayList<>();
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
            for (var op : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                List<JsonNode> bodies = new ArrayList<>();
                op.getValue().path("requestBody").path("content").forEach(bodies::add);
                op.getValue().path("responses").forEach(r -> r.path("content").forEach(bodies::add));
                for (JsonNode body : bodies) {
                    if (body.path("schema").has("properties")) {
                        inline.add(op.getKey() + " " + path.getKey() + ": " + body.path("schema"));
                    }
                }
            }
        }
        assertEquals(List.of(), inline, "inline object schemas");
        JsonNode schemas = doc.path("components").path("schemas");
        for (String name : List.of("PublicationPage", "WatchPage", "SnapshotPage", "SyncItemPage", "RollbackRequest",
                "ChannelReport")) {
            assertTrue(schemas.has(name), name + " among the schemas");
        }
        assertFalse(schemas.has("Report"), "the channel report is named ChannelReport");
    }

    /** A generated client names its methods by operationId: each operation has one of its own, and says what it does. */
    @Test
    void everyOperationHasItsOwnOperationIdSummaryAndDescription() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        int operations = 0;
        for (var path : (Iterable<java.util.Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
            if (!path.getKey().startsWith("/api/") && !path.getKey().startsWith("/preview")) {
                continue; // test-only resources (src/test) are in this document too
            }
            for (var op : (Iterable<java.util.Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                if (!java.util.Set.of("get", "put", "post", "delete", "patch").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String where = op.getKey() + " " + path.getKey();
                String id = op.getValue().path("operationId").asText();
                assertFalse(id.isBlank(), "operationId of " + where);
                assertTrue(id.matches("[a-z][A-Za-z0-9]+"), "lowerCamelCase operationId of " + where + ": " + id);
                assertTrue(ids.add(id), "operationId " + id + " used twice (" + where + ")");
                assertFalse(op.getValue().path("summary").asText().isBlank(), "summary of " + where);
                assertFalse(op.getValue().path("description").asText().isBlank(), "description of " + where);
            }
        }
        assertTrue(operations >= 38, "the API's operations are in the document: " + operations);
    }

    @Test
    void serversAndInfoAreThere() {
        assertFalse(doc.path("servers").isEmpty(), "servers");
        assertFalse(doc.path("info").path("description").asText().isBlank(), "info.description");
        assertTrue(doc.path("info").path("contact").isObject(), "info.contact");
    }

    interface Visitor {
        void visit(String path, JsonNode node);
    }

    void walk(JsonNode node, String path, Visitor visitor) {
        if (node.isObject()) {
            visitor.visit(path, node);
            node.fields().forEachRemaining(e -> walk(e.getValue(), path + "/" + e.getKey(), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "/" + i, visitor);
            }
        }
    }
}
