package io.cxone.themes.publish;

import static io.cxone.themes.publish.Publishing.as;
import static io.cxone.themes.publish.Publishing.auditTrail;
import static io.cxone.themes.publish.Publishing.awaitTerminal;
import static io.cxone.themes.publish.Publishing.draft;
import static io.cxone.themes.publish.Publishing.publish;
import static io.cxone.themes.publish.PublishTest.widget;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The publication API around the job: SSE progress, history, rollback, roles and input errors. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class PublicationApiTest {

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void theEventStreamShowsEachStateInOrderAndEndsAtActive() throws IOException, InterruptedException {
        // CXone's phases last as long as this test lets the simulator's clock stand: each state is certain to be seen
        Sim.faults(Map.of("activationDelayMs", 2000));
        Sim.freezeClock("");
        String id = publish(widget(), Map.of("themeId", draft()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/publications/" + id + "/events"))
                .header("Authorization", TestTokens.bearer(Roles.VIEWER)).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        List<String> states = new ArrayList<>();
        assertTimeoutPreemptively(Waits.PATIENCE, () -> {
            Iterator<String> lines = response.body().filter(line -> line.startsWith("data:")).iterator();
            readUntil(lines, states, "SUBMITTED"); // CXone has it, PENDING
            Sim.advance(Duration.ofMillis(1000)); // PROCESSING
            readUntil(lines, states, "ACTIVATING");
            Sim.advance(Duration.ofMillis(1000)); // ACTIVE
            // the stream ends by itself at the terminal state: reading it all would hang otherwise
            lines.forEachRemaining(line -> states.add(state(line)));
        });
        List<String> order = List.of("QUEUED", "SUBMITTED", "ACTIVATING", "ACTIVE");
        assertEquals("ACTIVE", states.get(states.size() - 1), states.toString());
        assertTrue(states.contains("ACTIVATING"), "CXone's PROCESSING phase is shown: " + states);
        for (int i = 1; i < states.size(); i++) {
            assertTrue(order.indexOf(states.get(i)) > order.indexOf(states.get(i - 1)), "in order, once each: " + states);
        }
    }

    private static void readUntil(Iterator<String> lines, List<String> states, String state) {
        while (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
            assertTrue(lines.hasNext(), "the stream ended before " + state + ": " + states);
            states.add(state(lines.next()));
        }
    }

    private static String state(String dataLine) {
        return JsonPath.from(dataLine.substring(5)).getString("state");
    }

    @Test
    void theStreamOfAFinishedPublicationIsItsLastStateAlone() throws IOException, InterruptedException {
        Sim.faults(Map.of("activationDelayMs", 200, "activationFailRate", 1.0));
        String id = publish(widget(), Map.of("themeId", draft()));
        awaitTerminal(id);
        String body = given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).accept("text/event-stream")
                .get("/api/v1/publications/" + id + "/events").then().statusCode(200).extract().asString();
        assertEquals(1, body.lines().filter(l -> l.startsWith("data:")).count(), body);
        assertTrue(body.contains("\"state\":\"FAILED\""), body);
    }

    @Test
    void theStreamOfAnUnknownPublicationIsA404() {
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).accept("text/event-stream")
                .get("/api/v1/publications/6f1c1e1a-0000-4000-8000-000000000000/events").then().statusCode(404)
                .contentType("application/problem+json");
        // the existence check never answers before authentication and the role check do
        given().accept("text/event-stream").get("/api/v1/publications/6f1c1e1a-0000-4000-8000-000000000000/events")
                .then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.AUDITOR)).accept("text/event-stream")
                .get("/api/v1/publications/6f1c1e1a-0000-4000-8000-000000000000/events").then().statusCode(403);
    }

    @Test
    void historyIsNewestFirstAndPaged() {
        Sim.faults(Map.of("activationDelayMs", 100));
        String widget = widget();
        String theme = draft();
        String first = publish(widget, Map.of("themeId", theme, "versionTag", "a"));
        String second = publish(widget, Map.of("themeId", theme, "versionTag", "b"));
        String third = publish(widget, Map.of("themeId", theme, "versionTag", "c"));
        as(Roles.VIEWER).get("/api/v1/widgets/" + widget + "/publications?size=2").then().statusCode(200)
                .body("items.id", equalTo(List.of(third, second))).body("totalItems", equalTo(3))
                .body("page", equalTo(1)).body("pageSize", equalTo(2));
        as(Roles.VIEWER).get("/api/v1/widgets/" + widget + "/publications?size=2&page=2").then().statusCode(200)
                .body("items.id", equalTo(List.of(first)));
        List.of(first, second, third).forEach(id -> awaitTerminal(id));
    }

    @Test
    void rollbackRepublishesTheEarlierVersion() {
        Sim.faults(Map.of("activationDelayMs", 200));
        String widget = widget();
        String theme = draft();
        String v1 = publish(widget, Map.of("themeId", theme));
        assertEquals("ACTIVE", awaitTerminal(v1).getString("state"));
        Publishing.secondVersion(theme);
        String v2 = publish(widget, Map.of("themeId", theme));
        assertEquals(2, awaitTerminal(v2).getInt("themeVersion"));

        String back = as(Roles.PUBLISHER).body(Map.of("toPublicationId", v1)).post("/api/v1/widgets/" + widget + "/rollback")
                .then().statusCode(202).header("Location", containsString("/api/v1/publications/"))
                .body("rollbackOf", equalTo(v1)).body("themeVersion", equalTo(1)).extract().path("id");
        JsonPath done = awaitTerminal(back);
        assertEquals("ACTIVE", done.getString("state"), done.prettify());
        assertEquals(3L, PublishTest.themesOn(widget));
        assertEquals("publication.rollback/success/alice", auditTrail(back).get(0));
        assertEquals("publication.activated/success/system:cxone-theme-service", auditTrail(back).get(2));
    }

    @Test
    void rollbackNeedsAnActivePublicationOfThatWidget() {
        Sim.faults(Map.of("activationDelayMs", 100, "activationFailRate", 1.0));
        String widget = widget();
        String failed = publish(widget, Map.of("themeId", draft()));
        awaitTerminal(failed);
        as(Roles.PUBLISHER).body(Map.of("toPublicationId", failed)).post("/api/v1/widgets/" + widget + "/rollback")
                .then().statusCode(400).body("errors[0].path", equalTo("toPublicationId"))
                .body("errors[0].code", equalTo("state"));
        as(Roles.PUBLISHER).body(Map.of("toPublicationId", failed)).post("/api/v1/widgets/other-widget/rollback")
                .then().statusCode(400).body("errors[0].code", equalTo("not_found"));
    }

    @Test
    void rolesAreEnforced() {
        String theme = draft();
        given().contentType("application/json").body(Map.of("themeId", theme)).post("/api/v1/widgets/w-1/publications")
                .then().statusCode(401).contentType("application/problem+json");
        for (String role : List.of(Roles.VIEWER, Roles.EDITOR, Roles.AUDITOR)) {
            as(role).body(Map.of("themeId", theme)).post("/api/v1/widgets/w-1/publications").then().statusCode(403)
                    .contentType("application/problem+json");
            as(role).body(Map.of("toPublicationId", theme)).post("/api/v1/widgets/w-1/rollback").then().statusCode(403);
        }
        as(Roles.AUDITOR).get("/api/v1/widgets/w-1/publications").then().statusCode(403);
        as(Roles.EDITOR).get("/api/v1/widgets/w-1/publications").then().statusCode(200);
        assertEquals(0, Sim.count(PublishTest.CREATE, "201"), "nothing was sent to CXone");
    }

    @Test
    void invalidInputIsA400NamingTheField() {
        String theme = draft();
        // the codes are the API's one vocabulary (docs/api.md)
        expect400(Map.of("themeId", theme, "onConflict", "overwrite"), "onConflict", "enum");
        expect400(Map.of("themeId", "6f1c1e1a-0000-4000-8000-000000000000"), "themeId", "not_found");
        expect400(Map.of("themeId", "not-a-uuid"), "themeId", "format");
        expect400(Map.of("onConflict", "fail"), "themeId", "required");
        expect400(Map.of("themeId", theme, "version", 7), "version", "not_found");
        expect400(Map.of("themeId", theme, "version", "one"), "version", "type");
        expect400(Map.of("themeId", theme, "versionTag", "has space"), "versionTag", "format");
        expect400(Map.of("themeId", theme, "colour", "red"), "colour", "unknown_field");
        as(Roles.PUBLISHER).body(Map.of("themeId", theme)).post("/api/v1/widgets/bad%20id!/publications").then()
                .statusCode(400).body("errors[0].path", equalTo("widgetId"));
        as(Roles.VIEWER).get("/api/v1/publications/6f1c1e1a-0000-4000-8000-000000000000").then().statusCode(404)
                .contentType("application/problem+json");
        as(Roles.VIEWER).get("/api/v1/publications/nope").then().statusCode(400).body("errors[0].path", equalTo("id"));
        assertEquals(0L, io.cxone.themes.support.Db.count("SELECT count(*) FROM publications WHERE widget_id = 'w-bad'"));
    }

    private static void expect400(Map<String, Object> body, String field, String code) {
        as(Roles.PUBLISHER).body(body).post("/api/v1/widgets/w-bad/publications").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].path", equalTo(field))
                .body("errors[0].code", equalTo(code));
    }
}
