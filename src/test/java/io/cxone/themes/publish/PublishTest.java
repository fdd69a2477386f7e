package io.cxone.themes.publish;

import static io.cxone.themes.publish.Publishing.as;
import static io.cxone.themes.publish.Publishing.auditTrail;
import static io.cxone.themes.publish.Publishing.awaitState;
import static io.cxone.themes.publish.Publishing.awaitTerminal;
import static io.cxone.themes.publish.Publishing.draft;
import static io.cxone.themes.publish.Publishing.publish;
import static io.cxone.themes.publish.Publishing.times;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Publishing against the simulator: activation, failure, both conflict policies and lost responses. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class PublishTest {
    static final String CREATE = "POST /api/v1/omnichannel/webmessaging/widgets/{widgetId}/themes";

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void aPublicationIsSubmittedOnceAndTrackedToActive() {
        // CXone's phases end when this test moves the simulator's clock: each is certain to be polled while it lasts
        Sim.faults(Map.of("activationDelayMs", 1500));
        Sim.freezeClock("");
        String theme = draft();
        String widget = widget();
        as(Roles.PUBLISHER).body(Map.of("themeId", theme)).post("/api/v1/widgets/" + widget + "/publications").then()
                .statusCode(202).header("Location", matchesPattern(".*/api/v1/publications/[0-9a-f-]{36}"))
                .body("state", equalTo("QUEUED")).body("themeVersion", equalTo(1))
                .body("versionTag", matchesPattern("v1-\\d{14}")).body("requestedBy", equalTo("alice"));
        String id = as(Roles.VIEWER).get("/api/v1/widgets/" + widget + "/publications").then().statusCode(200)
                .extract().path("items[0].id");
        Waits.until("a PENDING answer polled", () -> as(Roles.VIEWER).get("/api/v1/publications/" + id).then()
                .extract().jsonPath(), p -> p.getInt("polls") >= 1);
        Sim.advance(Duration.ofMillis(750)); // PROCESSING
        awaitState(id, "ACTIVATING");
        // "seen ACTIVE within 0.5 s" stated as the schedule, read from the job's own row rather than a stopwatch: the
        // next poll is due at most max(250 ms, a tenth of the time since submit) after the last one was saved
        Map<String, Instant> row = times(id, "run_at", "updated_at", "submitted_at");
        long gap = Duration.between(row.get("updated_at"), row.get("run_at")).toMillis();
        long bound = Math.max(250, Duration.between(row.get("submitted_at"), row.get("updated_at")).toMillis() / 10)
                + 1; // + rounding
        assertTrue(gap <= bound, "next poll " + gap + " ms after the last, allowed " + bound + " ms");
        Sim.advance(Duration.ofMillis(750)); // ACTIVE
        JsonPath done = awaitTerminal(id);
        assertEquals("ACTIVE", done.getString("state"), done.prettify());
        assertEquals(1, done.getInt("attempts"));
        assertTrue(done.getInt("polls") >= 2, "PENDING and PROCESSING were seen before ACTIVE: " + done.prettify());
        assertTrue(done.getLong("activationMs") >= 0, done.prettify());
        assertNotNull(done.getString("cxoneThemeId"));
        assertEquals(1L, themesOn(widget));
        assertEquals(List.of("publication.requested/success/alice", "publication.submitted/success/system:cxone-theme-service",
                "publication.activated/success/system:cxone-theme-service"), auditTrail(id));
    }

    @Test
    void aFailedActivationFailsThePublicationWithCxonesReason() {
        Sim.faults(Map.of("activationDelayMs", 300, "activationFailRate", 1.0));
        String id = publish(widget(), Map.of("themeId", draft()));
        JsonPath done = awaitTerminal(id);
        assertEquals("FAILED", done.getString("state"));
        assertTrue(done.getString("failureReason").contains("activation failed"), done.getString("failureReason"));
        assertEquals("publication.failed/failure/system:cxone-theme-service", auditTrail(id).get(2));
    }

    @Test
    void aTakenVersionTagFailsUnderFail() {
        String widget = widget();
        Sim.createTheme(Sim.token(), widget, "release-1");
        String id = publish(widget, Map.of("themeId", draft(), "versionTag", "release-1", "onConflict", "fail"));
        JsonPath done = awaitTerminal(id);
        assertEquals("FAILED", done.getString("state"));
        assertTrue(done.getString("failureReason").contains("'release-1' already exists"), done.getString("failureReason"));
        assertEquals(1L, themesOn(widget), "only the theme that held the tag");
    }

    @Test
    void aTakenVersionTagGetsASuffixUnderSuffix() {
        Sim.faults(Map.of("activationDelayMs", 300));
        String widget = widget();
        String sim = Sim.token();
        Sim.createTheme(sim, widget, "release-1");
        Sim.createTheme(sim, widget, "release-1-2");
        String id = publish(widget, Map.of("themeId", draft(), "versionTag", "release-1", "onConflict", "suffix"));
        JsonPath done = awaitTerminal(id);
        assertEquals("ACTIVE", done.getString("state"), done.prettify());
        assertEquals("release-1-3", done.getString("versionTag"));
        assertEquals(3L, themesOn(widget));
    }

    @Test
    void lostResponsesNeverCreateASecondTheme() {
        // one publication at a time, each live at once: the seeded faults then meet the same requests in the same
        // order on every run (in parallel, the machine would decide which request draws which fault)
        Sim.faults(Map.of("activationDelayMs", 0, "dropResponseRate", 0.5, "seed", 42));
        String theme = draft();
        List<String> widgets = java.util.stream.IntStream.range(0, 10).mapToObj(i -> widget()).toList();
        for (String w : widgets) {
            String id = publish(w, Map.of("themeId", theme, "versionTag", "lossy"));
            JsonPath done = awaitTerminal(id);
            assertEquals("ACTIVE", done.getString("state"), done.prettify());
            assertEquals("lossy", done.getString("versionTag"), "the same tag on every retry");
        }
        for (String w : widgets) {
            assertEquals(1L, themesOn(w), "one theme on " + w);
        }
        // the fault really hit submits, and some retries met their own earlier theme (409) and took it as success
        assertTrue(Sim.count(CREATE, "dropped") >= 1, "submit answers dropped: " + Sim.stats());
        assertTrue(Sim.count(CREATE, "409") >= 1, "409s recognised as ours: " + Sim.stats());
    }

    static String widget() {
        return "w-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @SuppressWarnings("unchecked")
    static long themesOn(String widget) {
        Number n = ((Map<String, Number>) Sim.stats().get("themesPerWidget")).get(widget);
        return n == null ? 0 : n.longValue();
    }
}
