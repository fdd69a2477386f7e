package io.cxone.themes.simulator;

import io.cxone.themes.support.Sim;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SimulatorAssignmentTest {
    private static final String PATH = Sim.MSG + "/widgets/w1/theme-assignments";
    private String token;

    @BeforeEach
    void reset() {
        Sim.reset();
        token = Sim.token();
    }

    @Test
    void fiftyThreeAssignmentsPageAsTwentyTwentyThirteen() {
        String a = Sim.createTheme(token, "w1", "a");
        String b = Sim.createTheme(token, "w1", "b");
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < 53; i++) {
            list.add(Map.of("theme_id", i % 2 == 0 ? a : b, "segment_id", "seg-" + i, "traffic_weight", 0.5));
        }
        Sim.api(token).body(Map.of("widget_id", "w1", "assignments", list, "strategy", "weighted_random"))
                .put(PATH).then().statusCode(200).body("assignments", hasSize(53))
                .body("assignments[52].segment_id", equalTo("seg-52")).body("strategy", equalTo("weighted_random"));
        int[] expected = { 20, 20, 13 };
        for (int page = 1; page <= 3; page++) {
            Sim.api(token).queryParam("page", page).queryParam("page_size", 20).get(PATH).then().statusCode(200)
                    .body("items", hasSize(expected[page - 1])).body("page", equalTo(page)).body("page_size", equalTo(20))
                    .body("total_pages", equalTo(3)).body("total_items", equalTo(53))
                    .body("items[0].segment_id", equalTo("seg-" + (page - 1) * 20));
        }
        Sim.api(token).queryParam("page", 4).get(PATH).then().statusCode(200).body("items", hasSize(0));
        Sim.api(token).get(PATH).then().statusCode(200).body("page", equalTo(1)).body("page_size", equalTo(20));
        Sim.api(token).queryParam("page_size", 50).get(PATH).then().statusCode(200).body("items", hasSize(50))
                .body("total_pages", equalTo(2));
    }

    @Test
    void pageSizeOutsideOneToFiftyIs400() {
        Sim.api(token).queryParam("page_size", 51).get(PATH).then().statusCode(400).body("errors[0].field", equalTo("page_size"));
        Sim.api(token).queryParam("page_size", 0).get(PATH).then().statusCode(400).body("errors[0].field", equalTo("page_size"));
        Sim.api(token).queryParam("page", 0).get(PATH).then().statusCode(400).body("errors[0].field", equalTo("page"));
    }

    @Test
    void invalidAssignmentsAre400NamingTheItem() {
        String a = Sim.createTheme(token, "w1", "a");
        Sim.api(token).body(Map.of("widget_id", "w1", "strategy", "round_robin", "assignments", List.of(
                Map.of("theme_id", a, "traffic_weight", 0.4),
                Map.of("theme_id", "no-such-theme", "traffic_weight", 1.5))))
                .put(PATH).then().statusCode(400)
                .body("errors.field", hasItems("strategy", "assignments[1].theme_id", "assignments[1].traffic_weight"))
                .body("errors", hasSize(3));
        Sim.api(token).get(PATH).then().statusCode(200).body("total_items", equalTo(0)).body("total_pages", equalTo(0));
    }
}
