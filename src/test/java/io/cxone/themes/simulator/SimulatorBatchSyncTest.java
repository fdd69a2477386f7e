package io.cxone.themes.simulator;

import io.cxone.themes.support.Sim;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SimulatorBatchSyncTest {
    private static final String SYNC = Sim.MSG + "/widgets/batch-sync";
    private String token;

    @BeforeEach
    void reset() {
        Sim.reset();
        Sim.faults(Map.of("activationDelayMs", 0));
        token = Sim.token();
    }

    @Test
    void moreThanMaxBatchSizeIs400() {
        String theme = Sim.createTheme(token, "w1", "v1");
        Sim.api(token).body(Map.of("widget_ids", ids(50), "target_theme_id", theme, "override_existing", true))
                .post(SYNC).then().statusCode(200).body("results.size()", equalTo(50));
        Sim.api(token).body(Map.of("widget_ids", ids(51), "target_theme_id", theme, "override_existing", true))
                .post(SYNC).then().statusCode(400).body("errors[0].field", equalTo("widget_ids"));
        Sim.faults(Map.of("activationDelayMs", 0, "maxBatchSize", 3));
        Sim.api(token).body(Map.of("widget_ids", ids(4), "target_theme_id", theme)).post(SYNC).then().statusCode(400);
    }

    @Test
    void unknownTargetIs400() {
        Sim.api(token).body(Map.of("widget_ids", List.of("w1"), "target_theme_id", "nope", "override_existing", false))
                .post(SYNC).then().statusCode(400).body("errors[0].field", equalTo("target_theme_id"));
    }

    @Test
    void syncsSkipsAndFailsPerWidget() {
        String first = Sim.createTheme(token, "w1", "v1"); // active on w1 at once (delay 0)
        Sim.api(token).body(Map.of("widget_ids", List.of("w1", "w2", "missing-7"), "target_theme_id", first,
                "override_existing", false)).post(SYNC).then().statusCode(200)
                .body("results[0].widget_id", equalTo("w1")).body("results[0].status", equalTo("SKIPPED"))
                .body("results[1].status", equalTo("SYNCED")).body("results[1].error", nullValue())
                .body("results[2].status", equalTo("FAILED")).body("results[2].error", equalTo("widget not found"));
        String second = Sim.createTheme(token, "w9", "v1");
        Sim.api(token).body(Map.of("widget_ids", List.of("w1", "w2"), "target_theme_id", second,
                "override_existing", false)).post(SYNC).then().statusCode(200)
                .body("results.status", equalTo(List.of("SKIPPED", "SKIPPED")));
        Sim.api(token).body(Map.of("widget_ids", List.of("w1", "w2"), "target_theme_id", second,
                "override_existing", true)).post(SYNC).then().statusCode(200)
                .body("results.status", equalTo(List.of("SYNCED", "SYNCED")));
        assertEquals(Map.of("w1", 1, "w2", 2), Sim.stats().get("batchSyncApplicationsPerWidget"));
    }

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("widget-" + i);
        }
        return ids;
    }
}
