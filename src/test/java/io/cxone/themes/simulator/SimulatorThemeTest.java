package io.cxone.themes.simulator;

import io.cxone.themes.support.Sim;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class SimulatorThemeTest {
    private String token;

    @BeforeEach
    void reset() {
        Sim.reset();
        token = Sim.token();
    }

    @Test
    void createAnswers201PendingAndRefusesARepeatedVersionTagOrId() {
        String id = UUID.randomUUID().toString();
        Sim.api(token).body(Sim.theme(id, "v1")).post(Sim.MSG + "/widgets/w1/themes").then().statusCode(201)
                .body("id", equalTo(id)).body("version_tag", equalTo("v1")).body("state", equalTo("PENDING"));
        Sim.api(token).body(Sim.theme(UUID.randomUUID().toString(), "v1")).post(Sim.MSG + "/widgets/w1/themes")
                .then().statusCode(409).body("errors[0].field", equalTo("version_tag"));
        Sim.api(token).body(Sim.theme(id, "v2")).post(Sim.MSG + "/widgets/w1/themes")
                .then().statusCode(409).body("errors[0].field", equalTo("id"));
        // the same tag on another widget is a different version history
        Sim.api(token).body(Sim.theme(UUID.randomUUID().toString(), "v1")).post(Sim.MSG + "/widgets/w2/themes")
                .then().statusCode(201);
        assertEquals(Map.of("w1", 1, "w2", 1), Sim.stats().get("themesPerWidget"));
    }

    @Test
    void invalidShapeIs400NamingEachField() {
        Map<String, Object> theme = Sim.theme("not-a-uuid", "v1");
        theme.remove("name");
        theme.put("background_color", "#12345");
        theme.put("buttons", List.of(Map.of("label", "Go", "color", "red", "text_color", "#000000", "position", "top")));
        Sim.api(token).body(theme).post(Sim.MSG + "/widgets/w1/themes").then().statusCode(400)
                .body("errors.field", hasItems("id", "name", "background_color", "buttons[0].color", "buttons[0].position"))
                .body("errors.field", not(hasItem("primary_color")));
        Sim.api(token).body("{not json").post(Sim.MSG + "/widgets/w1/themes").then().statusCode(400)
                .body("errors[0].field", equalTo("$"));
        assertTrue(((Map<?, ?>) Sim.stats().get("themesPerWidget")).isEmpty());
    }

    @Test
    void activationGoesPendingProcessingActive() {
        Sim.faults(Map.of("activationDelayMs", 2000));
        Sim.freezeClock(""); // the simulator's time moves only when this test says so
        Instant created = Instant.parse(given().get(Sim.ADMIN + "/clock").then().extract().path("now"));
        String id = Sim.createTheme(token, "w1", "v1");
        List<String> states = new ArrayList<>();
        JsonPath last = null;
        for (int ms : List.of(0, 999, 1, 999, 1)) { // 0 ms, 999 ms, 1000 ms (half the delay), 1999 ms, 2000 ms
            Sim.advance(Duration.ofMillis(ms));
            last = Sim.api(token).get(Sim.MSG + "/themes/" + id + "/status").then().statusCode(200)
                    .body("theme_id", equalTo(id)).body("$", not(hasKey("error_message"))).extract().jsonPath();
            states.add(last.getString("state"));
        }
        assertEquals(List.of("PENDING", "PENDING", "PROCESSING", "PROCESSING", "ACTIVE"), states);
        assertEquals(created.plusMillis(2000).truncatedTo(ChronoUnit.MILLIS), Instant.parse(last.getString("updated_at")),
                "updated_at is the instant of activation");
    }

    @Test
    void activationFailsAtFailRateOne() {
        Sim.faults(Map.of("activationDelayMs", 200, "activationFailRate", 1.0));
        String id = Sim.createTheme(token, "w1", "v1");
        Sim.advance(Duration.ofMillis(300));
        Sim.api(token).get(Sim.MSG + "/themes/" + id + "/status").then().statusCode(200)
                .body("state", equalTo("FAILED")).body("error_message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
    }

    @Test
    void unknownThemeStatusIs404() {
        Sim.api(token).get(Sim.MSG + "/themes/" + UUID.randomUUID() + "/status").then().statusCode(404)
                .body("errors[0].field", equalTo("theme_id"));
    }
}
