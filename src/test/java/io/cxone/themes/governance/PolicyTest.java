package io.cxone.themes.governance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** PUT/GET a widget's policy: the default, a stored one with its audit event, and each field's refusal. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class PolicyTest {

    static RequestSpecification as(String subject, String role) {
        return given().header("Authorization", "Bearer " + TestTokens.token(subject, role)).contentType(ContentType.JSON);
    }

    static String widget() {
        return "w-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> window(List<String> days, String from, String to, String zone) {
        return Map.of("days", days, "from", from, "to", to, "zone", zone);
    }

    @Test
    void aWidgetWithoutAPolicyHasTheDefault() {
        as("vera", Roles.VIEWER).get("/api/v1/widgets/" + widget() + "/policy").then().statusCode(200)
                .body("approvals", equalTo(0)).body("windows.size()", equalTo(0)).body("approvalTtl", equalTo("PT72H"))
                .body("stored", equalTo(false)).body("updatedBy", nullValue());
    }

    @Test
    void aStoredPolicyIsReadBackAndAudited() {
        String w = widget();
        Map<String, Object> body = Map.of("approvals", 2, "approvalTtl", "PT24H", "windows",
                List.of(window(List.of("TUE", "THU"), "09:00", "11:00", "Europe/Berlin"),
                        window(List.of("TUE"), "11:00", "12:00", "Europe/Berlin"),
                        window(List.of("TUE"), "09:30", "10:00", "America/New_York")));
        as("paula", Roles.PUBLISHER).body(body).put("/api/v1/widgets/" + w + "/policy").then().statusCode(200)
                .body("approvals", equalTo(2)).body("stored", equalTo(true)).body("updatedBy", equalTo("paula"));
        as("vera", Roles.VIEWER).get("/api/v1/widgets/" + w + "/policy").then().statusCode(200)
                .body("approvals", equalTo(2)).body("approvalTtl", equalTo("PT24H"))
                .body("windows[0].days", equalTo(List.of("TUE", "THU"))).body("windows[2].zone", equalTo("America/New_York"));
        as("amy", Roles.AUDITOR).queryParam("widgetId", w).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", hasItems("policy.updated")).body("items[0].actor", equalTo("paula"))
                .body("items[0].details.after.approvals", equalTo(2));
    }

    @Test
    void everyBadFieldIsNamed() {
        Map<String, Object> body = Map.of("approvals", 3, "approvalTtl", "three days", "windows", List.of(
                window(List.of("MON"), "09:00", "10:00", "Europe/Berlin"),
                window(List.of("MON"), "10:00", "11:00", "Mars/Olympus"),
                window(List.of(), "10:00", "11:00", "Europe/Berlin"),
                window(List.of("FUNDAY"), "10:00", "11:00", "Europe/Berlin"),
                window(List.of("WED"), "12:00", "12:00", "Europe/Berlin"),
                window(List.of("SUN", "MON"), "09:30", "09:45", "Europe/Berlin"),
                window(List.of("MON"), "9am", "10:00", "UTC")));
        var errors = as("paula", Roles.PUBLISHER).body(body).put("/api/v1/widgets/" + widget() + "/policy").then()
                .statusCode(400).contentType("application/problem+json").extract().jsonPath();
        Map<String, String> codes = new java.util.TreeMap<>();
        List<Map<String, String>> list = errors.getList("errors");
        list.forEach(e -> codes.put(e.get("path"), e.get("code")));
        assertEquals(Map.of("approvals", "range", "approvalTtl", "format", "windows[1].zone", "format",
                "windows[2].days", "size", "windows[3].days[0]", "enum", "windows[4].to", "range",
                "windows[5]", "overlap", "windows[6].from", "format"), codes, errors.prettify());
    }

    @Test
    void onlyAPublisherMaySetIt() {
        Map<String, Object> body = Map.of("approvals", 1);
        as("eddie", Roles.EDITOR).body(body).put("/api/v1/widgets/" + widget() + "/policy").then().statusCode(403);
        as("abby", Roles.APPROVER).body(body).put("/api/v1/widgets/" + widget() + "/policy").then().statusCode(403);
        as("abby", Roles.APPROVER).get("/api/v1/widgets/" + widget() + "/policy").then().statusCode(200);
    }

    @Test
    void unknownFieldsAndWrongTypesAreRefused() {
        as("paula", Roles.PUBLISHER).body(Map.of("approvals", "1", "quorum", 2)).put("/api/v1/widgets/" + widget()
                + "/policy").then().statusCode(400).body("errors.path", hasItems("approvals", "quorum"))
                .body("errors.code", hasItems("type", "unknown_field"));
    }
}
