package io.cxone.themes.assignment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code GET /api/v1/widgets/{id}/assignments}: every CXone page, in CXone's order, for the reading roles only. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class AssignmentReadTest {

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void gathersAllPagesInOrder() {
        String sim = Sim.token();
        List<String> themes = IntStream.range(0, 120).mapToObj(i -> Sim.createTheme(sim, "w-many", "v" + i)).toList();
        Sim.assignEqually(sim, "w-many", themes);

        List<String> got = given().header("Authorization", TestTokens.bearer(Roles.VIEWER))
                .get("/api/v1/widgets/w-many/assignments")
                .then().statusCode(200).body("widgetId", equalTo("w-many")).body("total", equalTo(120))
                .body("items", hasSize(120)).extract().jsonPath().getList("items.themeId", String.class);
        assertEquals(themes, got, "CXone's order across pages");
        assertEquals(3, Sim.count(Sim.ASSIGNMENTS_ROUTE, "200"), "120 assignments are three pages of 50");
    }

    @Test
    void aWidgetWithoutAssignmentsHasAnEmptyList() {
        given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).get("/api/v1/widgets/w-none/assignments")
                .then().statusCode(200).body("total", equalTo(0)).body("items", hasSize(0));
    }

    @Test
    void aMalformedWidgetIdIsA400NamingIt() {
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get("/api/v1/widgets/bad%20id!/assignments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].path", equalTo("widgetId"));
        assertEquals(0, Sim.count(Sim.ASSIGNMENTS_ROUTE, "200"), "nothing was sent upstream");
    }

    @Test
    void rolesAreEnforced() {
        given().get("/api/v1/widgets/w-1/assignments").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(Roles.AUDITOR)).get("/api/v1/widgets/w-1/assignments")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).get("/api/v1/widgets/w-1/assignments")
                .then().statusCode(200);
    }
}
