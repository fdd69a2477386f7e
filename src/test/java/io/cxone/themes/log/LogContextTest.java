package io.cxone.themes.log;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Every line logged while serving a request carries the request's one id and the caller's subject in its MDC (JSON logs:
 * under {@code mdc}); a job's lines carry the id of the request that queued it; no line carries a token. Reads the
 * service's own JSON log file line by line, as a log shipper would.
 */
@QuarkusTest
@TestProfile(LogContextTest.JsonFile.class)
@WithTestResource(JwtTestKeys.class)
class LogContextTest {
    static final Path LOG = Path.of("target", "logs", "log-context-test.log");
    static final String SUBJECT = "log-ctx-alice";
    static final ObjectMapper JSON = new ObjectMapper();

    public static class JsonFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.json.enabled", "true");
        }
    }

    @AfterEach
    void resetSimulator() {
        Sim.reset();
    }

    @Test
    void aRequestWithoutAnIdGetsOneForAllOfItAndItsLinesCarryItAndTheSubject() throws IOException {
        for (String kind : List.of("blocking", "async")) {
            String tag = kind + "-" + UUID.randomUUID();
            Response answer = viewer().queryParam("tag", tag).get("/log-context-test/" + kind);
            answer.then().statusCode(200);
            String id = answer.header(RequestIds.HEADER);
            assertNotNull(id, "the response names its request id");
            assertEquals(List.of(id, id), answer.jsonPath().getList("$"), kind + ": every Caller of one request has its id");
            JsonNode line = lineWith("log probe " + tag);
            assertEquals(id, line.path("mdc").path(LogContext.REQUEST_ID).asText(), kind + ": " + line);
            assertEquals(SUBJECT, line.path("mdc").path(LogContext.SUBJECT).asText(), kind + ": " + line);
        }
    }

    @Test
    void theCallersRequestIdIsKeptAndAPlainOneOnly() throws IOException {
        String tag = "given-" + UUID.randomUUID();
        viewer().header(RequestIds.HEADER, "portal-req-42").queryParam("tag", tag).get("/log-context-test/blocking")
                .then().statusCode(200).header(RequestIds.HEADER, "portal-req-42");
        assertEquals("portal-req-42", lineWith("log probe " + tag).path("mdc").path(LogContext.REQUEST_ID).asText());

        String forged = "x\" level=ERROR";
        String other = "forged-" + UUID.randomUUID();
        String id = viewer().header(RequestIds.HEADER, forged).queryParam("tag", other).get("/log-context-test/blocking")
                .then().statusCode(200).extract().header(RequestIds.HEADER);
        assertFalse(id.contains("\""), "a request id with quotes or spaces is replaced, not echoed: " + id);
        assertEquals(id, lineWith("log probe " + other).path("mdc").path(LogContext.REQUEST_ID).asText());
    }

    @Test
    void aFailedCxoneCallIsLoggedWithTheRequestsIdAndCaller() throws IOException {
        String widget = "log-ctx-" + UUID.randomUUID();
        Sim.faults(Map.of("errorRate", 1.0, "seed", 1));
        viewer().header(RequestIds.HEADER, "cxone-fail-1").get("/api/v1/widgets/" + widget + "/assignments")
                .then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(500));
        JsonNode line = lineWith("CXone call for /api/v1/widgets/" + widget);
        assertEquals("WARN", line.path("level").asText());
        assertEquals("cxone-fail-1", line.path("mdc").path(LogContext.REQUEST_ID).asText(), line.toString());
        assertEquals(SUBJECT, line.path("mdc").path(LogContext.SUBJECT).asText(), line.toString());
    }

    @Test
    void aJobLogsUnderTheIdOfTheRequestThatQueuedIt() throws IOException {
        String widget = "log-ctx-sync-" + UUID.randomUUID();
        UUID publication = TestPublications.active(widget);
        List<String> widgets = IntStream.range(0, 3).mapToObj(i -> widget + "-" + i).toList();
        String job = given().header("Authorization", "Bearer " + TestTokens.token(SUBJECT, Roles.PUBLISHER))
                .header(RequestIds.HEADER, "queued-by-req-7").contentType(ContentType.JSON)
                .body(Map.of("publicationId", publication, "widgetIds", widgets, "overrideExisting", true))
                .post("/api/v1/sync-jobs").then().statusCode(202).extract().path("id");
        // the runner's lines, written on its own timer long after the POST was answered
        JsonNode started = lineWith("sync job " + job + ": working on it");
        assertEquals("queued-by-req-7", started.path("mdc").path(LogContext.REQUEST_ID).asText(), started.toString());
        JsonNode sent = lineWith("sync job " + job + ": 1 batches sent");
        assertEquals("queued-by-req-7", sent.path("mdc").path(LogContext.REQUEST_ID).asText(), sent.toString());
    }

    @Test
    void noLineCarriesATokenOrAnAuthorizationHeader() throws IOException {
        String token = TestTokens.token(SUBJECT, Roles.VIEWER);
        String tag = "secret-" + UUID.randomUUID();
        given().header("Authorization", "Bearer " + token).queryParam("tag", tag).get("/log-context-test/async")
                .then().statusCode(200);
        lineWith("log probe " + tag);
        for (JsonNode line : lines()) {
            String text = line.toString();
            assertFalse(text.contains(token), "a token was logged: " + text);
            assertFalse(text.contains(token.substring(0, token.indexOf('.'))), "a token's header was logged: " + text);
            assertFalse(text.toLowerCase().contains("bearer ey"), "an Authorization header was logged: " + text);
        }
    }

    private static io.restassured.specification.RequestSpecification viewer() {
        return given().header("Authorization", "Bearer " + TestTokens.token(SUBJECT, Roles.VIEWER));
    }

    /** The first JSON line whose message contains {@code text}, waiting until the service wrote it. */
    private static JsonNode lineWith(String text) {
        return Waits.until("a log line with '" + text + "'", () -> lines().stream()
                .filter(l -> l.path("message").asText().contains(text)).findFirst().orElse(null), l -> l != null);
    }

    /** Every line of the log file, each parsed as one JSON object (a line that is not one fails the test). */
    private static List<JsonNode> lines() throws IOException {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : Files.readAllLines(LOG, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                assertTrue(node.isObject(), "not a JSON object: " + line);
                parsed.add(node);
            }
        }
        return parsed;
    }
}
