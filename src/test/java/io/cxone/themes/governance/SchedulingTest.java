package io.cxone.themes.governance;

import static io.cxone.themes.governance.FourEyesTest.alice;
import static io.cxone.themes.governance.FourEyesTest.as;
import static io.cxone.themes.governance.FourEyesTest.auditTrail;
import static io.cxone.themes.governance.FourEyesTest.await;
import static io.cxone.themes.governance.FourEyesTest.draft;
import static io.cxone.themes.governance.FourEyesTest.policy;
import static io.cxone.themes.governance.FourEyesTest.publish;
import static io.cxone.themes.governance.FourEyesTest.themesOn;
import static io.cxone.themes.governance.FourEyesTest.widget;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Windows and notBefore: outside every window, or before its notBefore, an admitted publication waits SCHEDULED with
 * runAt, held by the job engine; at runAt it is released, submitted and tracked as any other.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class SchedulingTest {

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    /** A window on every day but today (UTC), all day: it opens next at midnight UTC. */
    private static Map<String, Object> notTodayWindow(Instant now) {
        DayOfWeek today = now.atZone(ZoneOffset.UTC).getDayOfWeek();
        List<String> days = Arrays.stream(DayOfWeek.values()).filter(d -> d != today)
                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT)).toList();
        return Map.of("days", days, "from", "00:00", "to", "23:59", "zone", "UTC");
    }

    private static Instant nextMidnightUtc(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Test
    void outsideEveryWindowItWaitsForTheNextStart() {
        String w = widget();
        Instant before = Instant.now();
        policy(w, Map.of("approvals", 0, "windows", List.of(notTodayWindow(before))));
        JsonPath p = publish(w);
        Instant after = Instant.now();
        assertEquals("SCHEDULED", p.getString("state"), p.prettify());
        // the request crossed midnight only if the two clocks straddle it; then either answer is right
        Instant runAt = Instant.parse(p.getString("runAt"));
        assertTrue(runAt.equals(nextMidnightUtc(before)) || runAt.equals(nextMidnightUtc(after)), p.prettify());
        String id = p.getString("id");
        // another publication, requested later, goes out meanwhile; this one stays as it was
        String other = publish(widget()).getString("id");
        assertEquals("ACTIVE", await(other, "ACTIVE", "FAILED").getString("state"));
        JsonPath still = as("vera", Roles.VIEWER).get("/api/v1/publications/" + id).then().statusCode(200).extract()
                .jsonPath();
        assertEquals("SCHEDULED", still.getString("state"));
        assertEquals(p.getString("runAt"), still.getString("runAt"));
        assertEquals(0L, themesOn(w));
        assertEquals(runAt, FourEyesTest.runAtColumn(id), "the engine holds it until runAt");
    }

    @Test
    void notBeforeHoldsItThenItGoesOut() {
        String w = widget();
        Instant notBefore = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        JsonPath p = alice().body(Map.of("themeId", draft(), "notBefore", notBefore.toString()))
                .post("/api/v1/widgets/" + w + "/publications").then().statusCode(202).extract().jsonPath();
        assertEquals("SCHEDULED", p.getString("state"), p.prettify());
        assertEquals(notBefore, Instant.parse(p.getString("runAt")));
        assertEquals(notBefore, Instant.parse(p.getString("notBefore")));
        String id = p.getString("id");
        JsonPath done = await(id, "ACTIVE", "FAILED");
        assertEquals("ACTIVE", done.getString("state"), done.prettify());
        assertEquals(List.of("publication.requested/success/alice",
                "publication.released/success/system:cxone-theme-service",
                "publication.submitted/success/system:cxone-theme-service",
                "publication.activated/success/system:cxone-theme-service"), auditTrail(id));
        Instant released = FourEyesTest.auditTime(id, "publication.released");
        assertFalse(released.isBefore(notBefore), "released at " + released + ", not before " + notBefore);
        assertFalse(Instant.parse(done.getString("submittedAt")).isBefore(notBefore));
    }

    @Test
    void aPastNotBeforeIsNow() {
        JsonPath p = alice().body(Map.of("themeId", draft(), "notBefore", "2020-01-01T00:00:00Z"))
                .post("/api/v1/widgets/" + widget() + "/publications").then().statusCode(202).extract().jsonPath();
        assertEquals("QUEUED", p.getString("state"));
        assertEquals("ACTIVE", await(p.getString("id"), "ACTIVE", "FAILED").getString("state"));
    }

    @Test
    void aMalformedNotBeforeIsNamed() {
        alice().body(Map.of("themeId", draft(), "notBefore", "tomorrow")).post("/api/v1/widgets/" + widget()
                + "/publications").then().statusCode(400).body("errors[0].path", equalTo("notBefore"))
                .body("errors[0].code", equalTo("format"));
    }

    @Test
    void theLastApprovalOutsideEveryWindowSchedulesIt() {
        String w = widget();
        Instant before = Instant.now();
        policy(w, Map.of("approvals", 1, "windows", List.of(notTodayWindow(before))));
        String id = publish(w).getString("id");
        JsonPath approved = as("bob", Roles.APPROVER).post("/api/v1/publications/" + id + "/approve").then()
                .statusCode(200).extract().jsonPath();
        assertEquals("SCHEDULED", approved.getString("state"), approved.prettify());
        Instant runAt = Instant.parse(approved.getString("runAt"));
        assertTrue(runAt.equals(nextMidnightUtc(before)) || runAt.equals(nextMidnightUtc(Instant.now())),
                approved.prettify());
        assertEquals(runAt, FourEyesTest.runAtColumn(id));
        assertEquals(runAt.plus(java.time.Duration.ofMinutes(10)), Instant.parse(approved.getString("deadlineAt")),
                "ACTIVE within app.publish.deadline of its start");
    }
}
