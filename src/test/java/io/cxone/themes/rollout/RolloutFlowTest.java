package io.cxone.themes.rollout;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.cxone.themes.support.JwtTestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Canary rollouts end to end: our API, the job engine, the real publication path and the simulator's per-theme
 * analytics. Holds are one second (the request's holdSeconds) cut into 200 ms ticks (test profile); the gates' inputs
 * are set through the simulator's admin API on the control, whose CXone theme id is known before the rollout starts.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class RolloutFlowTest {
    private String widget;
    private UUID control;
    private String controlTheme;

    @BeforeEach
    void setUp() {
        Sim.reset();
        Sim.faults(Map.of("activationDelayMs", 0));
        widget = "w-rollout-" + UUID.randomUUID().toString().substring(0, 8);
        control = TestPublications.active(widget);
        controlTheme = TestPublications.cxoneThemeId(control);
    }

    @Test
    void aSlowerVariantIsRolledBackAtOnceWithTheFailingGateAndBothFigures() {
        // the control loads in 10 ms: any default variant (80 ms or more) is over 1.2 × that
        analytics(controlTheme, Map.of("themeLoadP95Ms", 10, "renderP95Ms", 10, "firstPaintP95Ms", 10));
        String id = start(Map.of("stages", List.of(10, 50, 100), "holdSeconds", 1, "gates", Map.of("minSamples", 5)));
        JsonPath r = until(id, "ROLLED_BACK");
        assertEquals("themeLoadP95", r.getString("lastGate.failed"));
        assertEquals(0, r.getInt("lastGate.stage"));
        assertEquals(10, r.getInt("lastGate.variantPercent"));
        assertEquals(10, r.getInt("lastGate.control.p95.theme_load_time"));
        assertTrue(r.getInt("lastGate.variant.p95.theme_load_time") > 12, r.prettify());
        assertTrue(r.getInt("lastGate.variant.samples") >= 5 && r.getInt("lastGate.control.samples") >= 5);
        assertEquals(0, r.getInt("variantPercent"));
        assertEquals(List.of(Map.of("theme_id", controlTheme, "traffic_weight", 1.0f)), simAssignments());
        audited(id, "rollout.rolled_back");
        // the stream of a rollout that is over: its current state, then the end
        String events = given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).accept("text/event-stream")
                .get("/api/v1/rollouts/" + id + "/events").then().statusCode(200).extract().asString();
        assertTrue(events.contains("\"state\":\"ROLLED_BACK\""), events);
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).accept("text/event-stream")
                .get("/api/v1/rollouts/" + UUID.randomUUID() + "/events").then().statusCode(404);
    }

    @Test
    void theNextRolloutAfterARollbackComparesWithWhatVisitorsGetNotWithTheRolledBackVariant() {
        analytics(controlTheme, Map.of("themeLoadP95Ms", 10, "renderP95Ms", 10, "firstPaintP95Ms", 10));
        String first = start(Map.of("stages", List.of(10, 100), "holdSeconds", 1, "gates", Map.of("minSamples", 5)));
        JsonPath rolledBack = until(first, "ROLLED_BACK");
        // the rolled-back variant stays ACTIVE and is the widget's most recently activated publication
        String variant = rolledBack.getString("publicationId");
        assertEquals(1, io.cxone.themes.support.Db.count("SELECT count(*) FROM publications WHERE id = '" + variant
                + "' AND state = 'ACTIVE' AND activated_at IS NOT NULL"), "the rolled-back variant " + variant
                + " is ACTIVE and activated after the control (a fixture row without activated_at)");
        // a long hold: the second rollout stays in its first stage while it is read
        String second = start(Map.of("stages", List.of(10, 100), "holdSeconds", 3600));
        JsonPath next = get(second);
        assertEquals(control.toString(), next.getString("controlPublicationId"), next.prettify());
        assertEquals(controlTheme, next.getString("controlCxoneThemeId"), next.prettify());
        publisher().post("/api/v1/rollouts/" + second + "/abort").then().statusCode(202);
        until(second, "ABORTED");
        assertEquals(List.of(Map.of("theme_id", controlTheme, "traffic_weight", 1.0f)), simAssignments());
    }

    @Test
    void aHealthyVariantIsPromotedStageByStageAndBecomesTheWidgetsTheme() {
        analytics(controlTheme, Map.of("themeLoadP95Ms", 100_000, "renderP95Ms", 100_000, "firstPaintP95Ms", 100_000));
        String id = start(Map.of("stages", List.of(10, 50, 100), "holdSeconds", 1, "gates", Map.of("minSamples", 5)));
        JsonPath r = until(id, "PROMOTED");
        assertEquals(1, r.getInt("lastGate.stage")); // the 50 % stage's gate was the last one read
        assertEquals(100, r.getInt("variantPercent"));
        String variantTheme = r.getString("variantCxoneThemeId");
        assertEquals(List.of(Map.of("theme_id", variantTheme, "traffic_weight", 1.0f)), simAssignments());
        audited(id, "rollout.stage");
        audited(id, "rollout.promoted");
    }

    @Test
    void tooFewSamplesExtendTheHoldThenStallWithTheSplitKeptUntilAborted() {
        String id = start(Map.of("stages", List.of(10, 100), "holdSeconds", 1,
                "gates", Map.of("minSamples", 10_000_000)));
        JsonPath r = until(id, "STALLED");
        assertEquals("minSamples", r.getString("lastGate.failed"));
        assertEquals(3, r.getInt("holdExtensions")); // app.rollouts.max-hold-extensions
        assertEquals(10, r.getInt("variantPercent"));
        assertEquals(2, simAssignments().size());
        publisher().post("/api/v1/rollouts/" + id + "/pause").then().statusCode(409)
                .body("detail", containsString("not RUNNING"));
        publisher().post("/api/v1/rollouts/" + id + "/abort").then().statusCode(202).body("command", equalTo("abort"));
        r = until(id, "ABORTED");
        assertEquals(List.of(Map.of("theme_id", controlTheme, "traffic_weight", 1.0f)), simAssignments());
        publisher().post("/api/v1/rollouts/" + id + "/abort").then().statusCode(409);
    }

    @Test
    void pauseKeepsTheSplitResumeHoldsAfreshAndPromoteEndsIt() {
        String id = start(Map.of("stages", List.of(20, 100), "holdSeconds", 3600));
        JsonPath running = Waits.until("the first stage", () -> get(id), r -> r.getString("stageStartedAt") != null);
        assertEquals(20, running.getInt("variantPercent"));
        publisher().post("/api/v1/rollouts/" + id + "/pause").then().statusCode(202);
        JsonPath paused = until(id, "PAUSED");
        assertEquals(20, paused.getInt("variantPercent"));
        assertEquals(2, simAssignments().size());
        publisher().post("/api/v1/rollouts/" + id + "/resume").then().statusCode(202);
        JsonPath resumed = Waits.until("resumed", () -> get(id),
                r -> "RUNNING".equals(r.getString("state")) && r.getString("stageStartedAt") != null);
        assertTrue(resumed.getString("command") == null);
        publisher().post("/api/v1/rollouts/" + id + "/promote").then().statusCode(202);
        JsonPath promoted = until(id, "PROMOTED");
        assertEquals(List.of(Map.of("theme_id", promoted.getString("variantCxoneThemeId"), "traffic_weight", 1.0f)),
                simAssignments());
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/widgets/" + widget + "/rollouts")
                .then().statusCode(200).body("totalItems", equalTo(1)).body("items[0].id", equalTo(id));
    }

    @Test
    void aWidgetWhosePolicyAsksForApprovalHoldsTheRolloutPendingUntilAbortedStillOnTheControl() {
        publisher().body(Map.of("approvals", 1)).put("/api/v1/widgets/" + widget + "/policy").then().statusCode(200);
        String id = start(Map.of("stages", List.of(10, 100), "holdSeconds", 1));
        assertEquals("PENDING_APPROVAL", get(id).getString("state"));
        publisher().post("/api/v1/rollouts/" + id + "/pause").then().statusCode(409)
                .body("detail", containsString("still publishing"));
        String publication = get(id).getString("publicationId");
        publisher().post("/api/v1/rollouts/" + id + "/abort").then().statusCode(202);
        // the abort withdrew the variant in its own transaction: an approval right after it (before the job's next
        // tick) finds nothing to approve, and nothing reaches CXone later
        given().header("Authorization", "Bearer " + TestTokens.token("bob", Roles.APPROVER))
                .post("/api/v1/publications/" + publication + "/approve").then().statusCode(409)
                .body("detail", containsString("is REJECTED"));
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/publications/" + publication)
                .then().statusCode(200).body("state", equalTo("REJECTED"))
                .body("failureReason", containsString("rollout " + id + " aborted by"));
        audited(id, "publication.rejected");
        JsonPath aborted = until(id, "ABORTED");
        assertEquals(0, aborted.getInt("variantPercent"));
        assertEquals(List.of(Map.of("theme_id", controlTheme, "traffic_weight", 1.0f)), simAssignments());
    }

    @Test
    void refusals() {
        publisher().body(Map.of("themeId", "nope", "stages", List.of(50, 20, 100), "holdSeconds", 0,
                "gates", Map.of("renderP95", 0.5, "x", 1))).post("/api/v1/widgets/" + widget + "/rollouts").then()
                .statusCode(400).body("errors.path", hasItems("themeId", "stages[1]", "holdSeconds", "gates.renderP95",
                        "gates.x"));
        publisher().body(Map.of("themeId", UUID.randomUUID().toString(), "stages", List.of(5, 25), "holdSeconds", 1))
                .post("/api/v1/widgets/" + widget + "/rollouts").then().statusCode(400)
                .body("errors[0].path", equalTo("stages[1]"));
        String draft = TestPublications.draft("");
        publisher().body(Map.of("themeId", draft, "stages", List.of(100), "holdSeconds", 1))
                .post("/api/v1/widgets/w-none-" + UUID.randomUUID().toString().substring(0, 8) + "/rollouts").then()
                .statusCode(409).body("detail", containsString("no ACTIVE publication"));
        publisher().body(Map.of("themeId", draft, "stages", List.of(100), "holdSeconds", 1,
                "gates", Map.of("liveChannelPassing", true))).post("/api/v1/widgets/" + widget + "/rollouts").then()
                .statusCode(400).body("errors[0].path", equalTo("gates.liveChannelPassing"));
        given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).contentType(ContentType.JSON)
                .body(Map.of("themeId", draft, "stages", List.of(100), "holdSeconds", 1))
                .post("/api/v1/widgets/" + widget + "/rollouts").then().statusCode(403);
        publisher().post("/api/v1/rollouts/" + UUID.randomUUID() + "/abort").then().statusCode(404);
    }

    private String start(Map<String, Object> body) {
        Map<String, Object> request = new HashMap<>(body);
        request.put("themeId", TestPublications.draft(""));
        return publisher().body(request).post("/api/v1/widgets/" + widget + "/rollouts").then().statusCode(202)
                .header("Location", containsString("/api/v1/rollouts/")).extract().path("id");
    }

    private static RequestSpecification publisher() {
        return given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON);
    }

    private static JsonPath get(String id) {
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/rollouts/" + id).then()
                .statusCode(200).extract().jsonPath();
    }

    /** Waits for {@code state}; an end other than it fails at once with the rollout shown. */
    private static JsonPath until(String id, String state) {
        List<String> over = List.of("PROMOTED", "ROLLED_BACK", "ABORTED", "FAILED");
        JsonPath r = Waits.until("rollout " + id + " " + state, () -> get(id),
                p -> state.equals(p.getString("state")) || over.contains(p.getString("state")));
        assertEquals(state, r.getString("state"), r.prettify());
        return r;
    }

    private static void analytics(String theme, Map<String, Object> figures) {
        Map<String, Object> body = new HashMap<>(figures);
        body.put("themeId", theme);
        Sim.admin().contentType(ContentType.JSON).body(body).put(Sim.ADMIN + "/analytics").then().statusCode(200);
    }

    private List<Map<String, Object>> simAssignments() {
        return Sim.api(Sim.token()).get(Sim.MSG + "/widgets/" + widget + "/theme-assignments").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private static void audited(String id, String action) {
        assertTrue(io.cxone.themes.support.Db.count("SELECT count(*) FROM audit_events WHERE job_id = '" + id
                + "' AND action = '" + action + "'") > 0, action + " audited");
    }
}
