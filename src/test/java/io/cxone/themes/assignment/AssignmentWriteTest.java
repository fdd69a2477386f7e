package io.cxone.themes.assignment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** {@code PUT .../assignments} and {@code GET .../assignments/resolve} against the simulator and PostgreSQL. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class AssignmentWriteTest {
    private static final String PUT_ROUTE = "PUT /api/v1/omnichannel/webmessaging/widgets/{widgetId}/theme-assignments";

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    private static Map<String, Object> variant(UUID publication, String segment, String geo, double weight) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("publicationId", publication.toString());
        if (segment != null) {
            v.put("segmentId", segment);
        }
        if (geo != null) {
            v.put("geoRegion", geo);
        }
        v.put("trafficWeight", weight);
        return v;
    }

    private static ValidatableResponse put(String widget, String role, List<Map<String, Object>> variants) {
        return given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON)
                .body(Map.of("variants", variants)).put("/api/v1/widgets/" + widget + "/assignments").then();
    }

    private static ValidatableResponse resolve(String widget, String visitor, String segment, String geo) {
        Map<String, Object> query = new HashMap<>();
        query.put("visitorId", visitor);
        if (segment != null) {
            query.put("segment", segment);
        }
        if (geo != null) {
            query.put("geo", geo);
        }
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).queryParams(query)
                .get("/api/v1/widgets/" + widget + "/assignments/resolve").then();
    }

    @Test
    void anAcceptedAssignmentReachesCxoneIsStoredAndAudited() {
        String widget = "w-ab-" + UUID.randomUUID();
        UUID a = TestPublications.active(widget);
        UUID b = TestPublications.active(widget);
        put(widget, Roles.PUBLISHER, List.of(variant(a, null, null, 0.7), variant(b, null, null, 0.3),
                variant(b, "vip", null, 1.0)))
                .statusCode(200).body("widgetId", equalTo(widget)).body("variants", hasSize(3))
                .body("variants[0].cxoneThemeId", equalTo(TestPublications.cxoneThemeId(a)))
                .body("updatedBy", equalTo("tester"));

        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/widgets/" + widget + "/assignments")
                .then().statusCode(200).body("total", equalTo(3))
                .body("items.themeId", equalTo(List.of(TestPublications.cxoneThemeId(a), TestPublications.cxoneThemeId(b),
                        TestPublications.cxoneThemeId(b))))
                .body("items[2].segmentId", equalTo("vip")).body("items[0].trafficWeight", equalTo(0.7f));
        assertEquals(3, Db.count("SELECT count(*) FROM widget_assignments WHERE widget_id = '" + widget + "'"));
        assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE action = 'assignment.updated' "
                + "AND widget_id = '" + widget + "' AND details->'after' IS NOT NULL"));

        // a second PUT replaces the stored variants and records what they were before
        put(widget, Roles.PUBLISHER, List.of(variant(b, null, null, 1.0))).statusCode(200).body("variants", hasSize(1));
        assertEquals(1, Db.count("SELECT count(*) FROM widget_assignments WHERE widget_id = '" + widget + "'"));
        assertEquals(1, Db.count("SELECT count(*) FROM audit_events WHERE action = 'assignment.updated' AND widget_id = '"
                + widget + "' AND jsonb_array_length(details->'before') = 3"));
    }

    @Test
    void invalidWeightsAre400NamingTheFieldOrGroupAndNothingIsSent() {
        String widget = "w-bad-" + UUID.randomUUID();
        UUID a = TestPublications.active(widget);
        put(widget, Roles.PUBLISHER, List.of(variant(a, null, null, 1.2))).statusCode(400)
                .contentType("application/problem+json").body("errors[0].path", equalTo("variants[0].trafficWeight"));
        put(widget, Roles.PUBLISHER, List.of(variant(a, "vip", "EU", 0.6))).statusCode(400)
                .body("errors[0].path", equalTo("groups[segment=vip,geo=EU]")).body("detail", containsString("fix"));
        assertEquals(0, Sim.count(PUT_ROUTE, "200"), "nothing reached CXone");
        assertEquals(0, Db.count("SELECT count(*) FROM widget_assignments WHERE widget_id = '" + widget + "'"));
    }

    @Test
    void publicationsThatAreNotActiveOnThisWidgetAreRejected() {
        String widget = "w-state-" + UUID.randomUUID();
        UUID active = TestPublications.active(widget);
        UUID submitted = TestPublications.create(widget, "SUBMITTED");
        UUID elsewhere = TestPublications.active("w-other-" + UUID.randomUUID());
        put(widget, Roles.PUBLISHER, List.of(variant(active, null, null, 0.5), variant(submitted, null, null, 0.5)))
                .statusCode(400).body("errors[0].path", equalTo("variants[1].publicationId"))
                .body("errors[0].message", containsString("SUBMITTED"));
        put(widget, Roles.PUBLISHER, List.of(variant(elsewhere, null, null, 1.0)))
                .statusCode(400).body("errors[0].path", equalTo("variants[0].publicationId"))
                .body("errors[0].code", equalTo("widget"));
        put(widget, Roles.PUBLISHER, List.of(variant(UUID.randomUUID(), null, null, 1.0)))
                .statusCode(400).body("errors[0].code", equalTo("not_found"));
        assertEquals(0, Sim.count(PUT_ROUTE, "200"));
    }

    @Test
    void resolveIsDeterministicFollowsWeightsAndPrefersTheMostSpecificGroup() {
        String widget = "w-resolve-fixed"; // fixed: the share of visitors below is then the same number every run
        UUID a = TestPublications.active(widget);
        UUID b = TestPublications.active(widget);
        UUID vipEu = TestPublications.active(widget);
        resolve(widget, "v1", null, null).statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("PUT /api/v1/widgets/" + widget + "/assignments"));
        put(widget, Roles.PUBLISHER, List.of(variant(a, null, null, 0.5), variant(b, null, null, 0.5),
                variant(vipEu, "vip", "EU", 1.0), variant(a, "vip", null, 1.0))).statusCode(200);

        int toA = 0;
        for (int i = 0; i < 200; i++) {
            String visitor = "visitor-" + i;
            double bucket = Resolver.bucket(widget, visitor);
            String expected = (bucket < 0.5 ? a : b).toString();
            String got = resolve(widget, visitor, null, null).statusCode(200).body("bucket", equalTo((float) bucket))
                    .extract().path("publicationId");
            assertEquals(expected, got, visitor);
            assertEquals(got, resolve(widget, visitor, null, null).extract().path("publicationId"), "same answer twice");
            toA += got.equals(a.toString()) ? 1 : 0;
        }
        assertEquals(100, toA, 25, "about half of 200 visitors");
        resolve(widget, "x", "vip", "EU").statusCode(200).body("publicationId", equalTo(vipEu.toString()))
                .body("segmentId", equalTo("vip")).body("geoRegion", equalTo("EU"));
        resolve(widget, "x", "vip", "US").statusCode(200).body("publicationId", equalTo(a.toString()));
        resolve(widget, "x", "basic", "EU").statusCode(200).body("segmentId", equalTo(null));
        resolve(widget, "", null, null).statusCode(400).body("errors[0].path", equalTo("visitorId"));
    }

    @Test
    void rolesAreEnforced() {
        String widget = "w-roles";
        List<Map<String, Object>> body = List.of(variant(UUID.randomUUID(), null, null, 1.0));
        given().contentType(ContentType.JSON).body(Map.of("variants", body)).put("/api/v1/widgets/" + widget + "/assignments")
                .then().statusCode(401);
        put(widget, Roles.EDITOR, body).statusCode(403).contentType("application/problem+json");
        put(widget, Roles.VIEWER, body).statusCode(403);
        given().header("Authorization", TestTokens.bearer(Roles.AUDITOR)).queryParam("visitorId", "v")
                .get("/api/v1/widgets/" + widget + "/assignments/resolve").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).queryParam("visitorId", "v")
                .get("/api/v1/widgets/" + widget + "/assignments/resolve").then().statusCode(404);
        given().get("/api/v1/widgets/" + widget + "/assignments/resolve?visitorId=v").then().statusCode(401);
        // the publisher passes the role check and meets the publication check
        put(widget, Roles.PUBLISHER, body).statusCode(400).body("errors.path", hasItem("variants[0].publicationId"));
    }
}
