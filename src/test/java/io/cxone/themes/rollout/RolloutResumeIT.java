package io.cxone.themes.rollout;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Crash recovery with real processes: a standalone simulator outlives the service, which is killed (SIGKILL) while a
 * rollout holds its first stage and restarted on the same database. The rollout is taken up again in the same stage
 * with the same split and hold start, and the restarted service carries out a command on it.
 */
class RolloutResumeIT {
    private static final Path SIM_DATA = Path.of("target/rollout-it-sim-pg");
    private static final Path DATA = Path.of("target/rollout-it-pg");
    private static final String WIDGET = "rollout-resume";

    @Test
    void aRolloutKilledMidStageResumesTheStageWhereItWas() throws Exception {
        deleteRecursively(SIM_DATA);
        deleteRecursively(DATA);
        Map<String, String> simProps = new HashMap<>(ServiceProcess.trustingTestTokens());
        simProps.put("app.embedded-db.dir", SIM_DATA.toString());
        try (ServiceProcess sim = ServiceProcess.start("rollout-it-sim", simProps)) {
            Sim.admin().contentType(ContentType.JSON).body(Map.of("activationDelayMs", 0))
                    .put(sim.url(Sim.ADMIN + "/faults")).then().statusCode(200);
            Map<String, String> props = new HashMap<>(ServiceProcess.trustingTestTokens());
            props.put("app.embedded-db.dir", DATA.toString());
            props.put("cxone.base-url", sim.url(Sim.BASE));
            props.put("app.jobs.rollouts.lease", "3s");
            props.put("app.rollouts.tick", "200ms");
            String id;
            JsonPath before;
            try (ServiceProcess first = ServiceProcess.start("rollout-it-1", props)) {
                try (Connection c = TestPublications.connectToDataDir(DATA)) {
                    TestPublications.activeInSimulator(sim.url(""), c, WIDGET, TestPublications.draft(first.url("")));
                }
                id = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                        .body(Map.of("themeId", TestPublications.draft(first.url("")), "stages", List.of(20, 100),
                                "holdSeconds", 3600))
                        .post(first.url("/api/v1/widgets/" + WIDGET + "/rollouts")).then().statusCode(202)
                        .extract().path("id");
                before = Waits.until("the first stage", () -> get(first, id), r -> r.getString("stageStartedAt") != null);
                first.kill();
            }
            List<Map<String, Object>> split = assignments(sim);
            assertEquals(2, split.size(), split.toString());
            assertEquals(0.2f, ((Number) split.get(0).get("traffic_weight")).floatValue());
            try (ServiceProcess second = ServiceProcess.start("rollout-it-2", props)) {
                JsonPath after = get(second, id);
                assertEquals("RUNNING", after.getString("state"));
                assertEquals(0, after.getInt("stage"));
                assertEquals(before.getString("stageStartedAt"), after.getString("stageStartedAt"), "the same hold");
                assertEquals(20, after.getInt("variantPercent"));
                assertEquals(split, assignments(sim), "the split as it was set");
                // the restarted instance runs the job: it takes the abort and puts everyone back on the control
                given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER))
                        .post(second.url("/api/v1/rollouts/" + id + "/abort")).then().statusCode(202);
                JsonPath aborted = Waits.until("aborted", () -> get(second, id),
                        r -> "ABORTED".equals(r.getString("state")));
                assertEquals(before.getString("controlCxoneThemeId"), assignments(sim).get(0).get("theme_id"));
                assertEquals(1, assignments(sim).size(), aborted.prettify());
            }
        }
    }

    private static JsonPath get(ServiceProcess service, String id) {
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get(service.url("/api/v1/rollouts/" + id))
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> assignments(ServiceProcess sim) {
        String token = given().auth().preemptive().basic("sim-client", "sim-secret")
                .formParam("grant_type", "client_credentials").post(sim.url(Sim.TOKEN)).then().statusCode(200)
                .extract().path("access_token");
        return Sim.api(token).get(sim.url(Sim.MSG + "/widgets/" + WIDGET + "/theme-assignments")).then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
