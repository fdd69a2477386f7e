package io.cxone.themes.simulator;

import io.cxone.themes.support.Sim;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
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
    void activationGoesPendingProcessingActive() throws InterruptedException {
        Sim.faults(Map.of("activationDelayMs", 2000));
        Instant created = Instant.now();
        String id = Sim.createTheme(token, "w1", "v1");
        List<String> states = new ArrayList<>();
        JsonPath last = null;
        while (states.isEmpty() || !states.get(states.size() - 1).equals("ACTIVE")) {
            assertTrue(Instant.now().isBefore(created.plusSeconds(10)), "never became ACTIVE: " + states);
            last = Sim.api(token).get(Sim.MSG + "/themes/" + id + "/status").then().statusCode(200)
                    .body("theme_id", equalTo(id)).body("$", not(hasKey("error_message"))).extract().jsonPath();
            String state = last.getString("state");
            if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
                states.add(state);
            }
            Thread.sleep(100);
        }
        assertEquals(List.of("PENDING", "PROCESSING", "ACTIVE"), states);
        assertTrue(!Instant.now().isBefore(created.plusMillis(2000)), "active before the delay");
        Instant updated = Instant.parse(last.getString("updated_at"));
        assertTrue(!updated.isBefore(created.plusMillis(2000)) && updated.isBefore(created.plusMillis(4000)), updated.toString());
    }

    @Test
    void activationFailsAtFailRateOne() throws InterruptedException {
        Sim.faults(Map.of("activationDelayMs", 200, "activationFailRate", 1.0));
        String id = Sim.createTheme(token, "w1", "v1");
        Thread.sleep(300);
        Sim.api(token).get(Sim.MSG + "/themes/" + id + "/status").then().statusCode(200)
                .body("state", equalTo("FAILED")).body("error_message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
    }

    @Test
    void unknownThemeStatusIs404() {
        Sim.api(token).get(Sim.MSG + "/themes/" + UUID.randomUUID() + "/status").then().statusCode(404)
                .body("errors[0].field", equalTo("theme_id"));
    }
}
