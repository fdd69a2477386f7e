package io.cxone.themes.theme;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.Seeds;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Seeded hostile input for {@code POST /api/v1/themes/validate} and its neighbours: never a 5xx, every error is
 * problem+json whose {@code status} matches, and field errors name the offending JSON path exactly.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class HostileInputTest {
    static final String VALIDATE = "/api/v1/themes/validate";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Paths of the sample and the kind of value each holds. */
    static final List<String[]> FIELDS = List.of(
            new String[] { "name", "string" }, new String[] { "backgroundColor", "string" },
            new String[] { "primaryColor", "string" }, new String[] { "font", "object" },
            new String[] { "font.family", "string" }, new String[] { "font.sizePx", "int" },
            new String[] { "font.weight", "int" }, new String[] { "font.color", "string" },
            new String[] { "buttons", "array" }, new String[] { "buttons[0].label", "string" },
            new String[] { "buttons[1].textColor", "string" }, new String[] { "buttons[1].color", "string" },
            new String[] { "buttons[0].position", "string" }, new String[] { "buttons[1].iconUrl", "string" },
            new String[] { "borderRadiusPx", "int" }, new String[] { "maxWidthPx", "int" },
            new String[] { "header", "object" }, new String[] { "header.backgroundColor", "string" },
            new String[] { "header.textColor", "string" });

    static Response post(String body, String contentType) {
        var request = given().header("Authorization", TestTokens.bearer(Roles.VIEWER));
        if (contentType != null) {
            request.contentType(contentType);
        }
        if (body != null) {
            request.body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return request.when().post(VALIDATE);
    }

    /** The invariants every answer keeps; returns the parsed body. */
    static Map<String, Object> check(String tag, Response response) {
        int status = response.statusCode();
        assertTrue(status < 500, tag + "5xx: " + status + " " + response.asString());
        if (status >= 300) {
            assertEquals("application/problem+json", mediaType(response), tag + "status " + status + " body " + response.asString());
            Map<String, Object> problem = response.jsonPath().getMap("$");
            assertEquals(status, problem.get("status"), tag + "problem status");
            return problem;
        }
        return response.jsonPath().getMap("$");
    }

    static String mediaType(Response response) {
        String type = response.contentType();
        return type == null ? null : type.split(";")[0].trim();
    }

    @SuppressWarnings("unchecked")
    static List<String> errorPaths(Map<String, Object> body) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
        return errors == null ? List.of() : errors.stream().map(e -> (String) e.get("path")).toList();
    }

    static String sampleWith(String path, Object value) throws Exception {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("header", new java.util.LinkedHashMap<>(Map.of("backgroundColor", "#000000", "textColor", "#FFFFFF")));
        setPath(theme, path, value);
        return JSON.writeValueAsString(theme);
    }

    @SuppressWarnings("unchecked")
    static void setPath(Map<String, Object> theme, String path, Object value) {
        String[] parts = path.split("\\.");
        Object parent = theme;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int index = -1;
            if (part.endsWith("]")) {
                index = Integer.parseInt(part.substring(part.indexOf('[') + 1, part.length() - 1));
                part = part.substring(0, part.indexOf('['));
            }
            boolean last = i == parts.length - 1;
            Map<String, Object> map = (Map<String, Object>) parent;
            if (index < 0) {
                if (last) {
                    map.put(part, value);
                } else {
                    parent = map.get(part);
                }
            } else {
                List<Object> list = (List<Object>) map.get(part);
                if (last) {
                    list.set(index, value);
                } else {
                    parent = list.get(index);
                }
            }
        }
    }

    static Object wrongValue(String kind, Random random) {
        List<Supplier<Object>> options = new ArrayList<>();
        if (!kind.equals("string")) {
            options.add(() -> "text");
        }
        if (!kind.equals("int")) {
            options.add(() -> 42);
        }
        options.add(() -> true);
        if (!kind.equals("array")) {
            options.add(() -> List.of(1, 2));
        }
        if (!kind.equals("object")) {
            options.add(() -> Map.of("k", "v"));
        }
        if (kind.equals("int")) {
            options.add(() -> 14.5);
            options.add(() -> new java.math.BigDecimal("1e400"));
            options.add(() -> new java.math.BigInteger("123456789012345678901234567890"));
        }
        return options.get(random.nextInt(options.size())).get();
    }

    @Test
    void wrongTypesNullsAndUnknownFieldsAreReportedAtTheirPath() throws Exception {
        long seed = Seeds.seed();
        Random random = Seeds.random(seed);
        for (int i = 0; i < 80; i++) {
            String[] field = FIELDS.get(random.nextInt(FIELDS.size()));
            String path = field[0];
            int mode = random.nextInt(3);
            String body;
            String expectedPath = path;
            String what;
            if (mode == 0) {
                Object wrong = wrongValue(field[1], random);
                body = sampleWith(path, wrong);
                what = "wrong type " + wrong;
            } else if (mode == 1) {
                body = sampleWith(path, null);
                what = "null";
            } else {
                // an unknown field beside the chosen one, at the same level
                String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
                String unknown = random.nextBoolean() ? "colour" : "x\u0001y";
                Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
                theme.put("header", new java.util.LinkedHashMap<>(Map.of("backgroundColor", "#000000", "textColor", "#FFFFFF")));
                setPath(theme, parent.isEmpty() ? unknown : parent + "." + unknown, "#FFFFFF");
                body = JSON.writeValueAsString(theme);
                expectedPath = (parent.isEmpty() ? "" : parent + ".") + unknown.replace('\u0001', '?');
                what = "unknown field";
            }
            String tag = Seeds.tag(seed) + what + " at " + path + ": ";
            Response response = post(body, "application/json");
            Map<String, Object> report = check(tag, response);
            boolean optionalNull = mode == 1 && (path.equals("header") || path.endsWith("iconUrl"));
            assertEquals(200, response.statusCode(), tag + response.asString());
            if (optionalNull) {
                assertFalse(errorPaths(report).contains(path), tag + "optional field set to null is fine: " + report);
                continue;
            }
            assertEquals(Boolean.FALSE, report.get("valid"), tag + report);
            assertTrue(errorPaths(report).contains(expectedPath), tag + "no error at " + expectedPath + ": " + errorPaths(report));
        }
    }

    @Test
    void nonObjectsAndMalformedBodiesAre400WithAPath() {
        long seed = Seeds.seed();
        Random random = Seeds.random(seed);
        String sample;
        try {
            sample = JSON.writeValueAsString(SampleThemes.enterpriseDarkModeJson());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<String> bodies = new ArrayList<>(List.of("[]", "[1,2,3]", "\"theme\"", "42", "-1.5e3", "true", "null", "",
                " ", "{", "}", "{\"name\":}", "{'name':'x'}", "{\"name\":\"a\",}", "{\"name\":NaN}", "{\"name\":Infinity}",
                "{\"borderRadiusPx\":-Infinity}", "{\"name\":\"a\",\"name\":\"b\"}",
                "{\"font\":{\"sizePx\":14,\"sizePx\":15}}", "\u0000", "{\"name\":\"\\u12\"}", "{\"a\" \"b\"}",
                "[".repeat(2000) + "]".repeat(2000), "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
                "{\"font\":" + "[".repeat(2000) + "]".repeat(2000) + "}"));
        for (int i = 0; i < 40; i++) {
            bodies.add(sample.substring(0, 1 + random.nextInt(sample.length() - 2)));
        }
        for (String body : bodies) {
            String tag = Seeds.tag(seed) + "body " + (body.length() > 60 ? body.substring(0, 60) + "…(" + body.length() + ")" : body) + ": ";
            Response response = post(body, "application/json");
            Map<String, Object> problem = check(tag, response);
            assertEquals(400, response.statusCode(), tag + response.asString());
            assertFalse(errorPaths(problem).isEmpty(), tag + "a 400 names where: " + problem);
            errorPaths(problem).forEach(p -> assertNotNull(p, tag));
        }
    }

    @Test
    void hugeValuesAndOversizedBodies() throws Exception {
        long seed = Seeds.seed();
        String tag = Seeds.tag(seed);
        Response hugeName = post(sampleWith("name", "n".repeat(100_000)), "application/json");
        Map<String, Object> report = check(tag + "100 KB name: ", hugeName);
        assertEquals(200, hugeName.statusCode());
        assertTrue(errorPaths(report).contains("name"), tag + errorPaths(report));
        assertTrue(hugeName.asString().length() < 20_000, tag + "the answer must not echo 100 KB");

        Response hugeKey = post("{\"" + "k".repeat(100_000) + "\":1}", "application/json");
        check(tag + "100 KB key: ", hugeKey);
        assertTrue(hugeKey.asString().length() < 20_000, tag + "the answer must not echo a 100 KB key");

        Response controls = post(sampleWith("name", "Bad\u0007Name\u202E"), "application/json");
        assertTrue(errorPaths(check(tag, controls)).contains("name"), tag + controls.asString());
    }

    @Test
    void oversizedBodiesAndTrailingTokensAreProblems() {
        String tag = Seeds.tag(Seeds.seed());
        Response tooLarge = post("{\"name\":\"" + "x".repeat(600 * 1024) + "\"}", "application/json");
        Map<String, Object> problem = check(tag + "600 KB body: ", tooLarge);
        assertEquals(413, tooLarge.statusCode(), tag + problem);
        Response trailing = post("{\"name\":\"a\"} {\"name\":\"b\"}", "application/json");
        assertEquals(400, trailing.statusCode());
        assertFalse(errorPaths(check(tag + "trailing tokens: ", trailing)).isEmpty());
    }

    @Test
    void wrongContentTypesMethodsAndPaths() throws Exception {
        long seed = Seeds.seed();
        String tag = Seeds.tag(seed);
        String sample = JSON.writeValueAsString(SampleThemes.enterpriseDarkModeJson());
        for (String type : new String[] { "text/plain", "application/xml", "text/csv", "multipart/form-data; boundary=x" }) {
            Response response = post(sample, type);
            check(tag + type + ": ", response);
            assertEquals(415, response.statusCode(), tag + type);
        }
        check(tag + "no content type: ", post(sample, null));
        String auth = TestTokens.bearer(Roles.VIEWER);
        for (String method : new String[] { "GET", "PUT", "DELETE", "PATCH" }) {
            Response response = given().header("Authorization", auth).contentType("application/json").body(sample)
                    .request(method, VALIDATE);
            check(tag + method + ": ", response);
            assertEquals(405, response.statusCode(), tag + method);
        }
        for (String path : new String[] { "/api/v1/nope", "/api/v1/themes/validate/extra", "/api/v2/themes/validate", "/%2e%2e/etc/passwd" }) {
            Response response = given().header("Authorization", auth).get(path);
            check(tag + path + ": ", response);
            assertEquals(404, response.statusCode(), tag + path + " " + response.asString());
        }
        Response accept = given().header("Authorization", auth).contentType("application/json").accept("application/xml")
                .body(sample).post(VALIDATE);
        check(tag + "Accept xml: ", accept);
    }
}
