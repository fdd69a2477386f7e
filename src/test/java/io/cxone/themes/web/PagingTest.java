package io.cxone.themes.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every paged endpoint (SPEC section 3: "page and pageSize out of range, including values whose offset overflows, 400
 * naming the parameter"): an offset past an int (page=2147483647) was a 500, and page=67108865&size=64 wrapped around to
 * page 1. Each endpoint is asked with the same hostile values; the highest page that still fits answers 200.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class PagingTest {

    /** path, role, largest size it takes */
    static List<Object[]> endpoints() {
        return List.of(new Object[] { "/api/v1/themes", Roles.VIEWER, 100 },
                new Object[] { "/api/v1/widgets/paging-widget/publications", Roles.VIEWER, 100 },
                new Object[] { "/api/v1/sync-jobs/" + UUID.randomUUID() + "/items", Roles.VIEWER, 1000 },
                new Object[] { "/api/v1/audit", Roles.AUDITOR, 500 });
    }

    private static Response get(String path, String role, String query) {
        return given().header("Authorization", TestTokens.bearer(role)).get(path + "?" + query);
    }

    @SuppressWarnings("unchecked")
    private static void assertNames(String path, String role, String query, String parameter) {
        Response response = get(path, role, query);
        String tag = path + "?" + query + ": ";
        assertEquals(400, response.statusCode(), tag + response.asString());
        assertTrue(response.contentType().startsWith("application/problem+json"), tag + response.contentType());
        List<Map<String, Object>> errors = response.jsonPath().getList("errors");
        assertEquals(List.of(parameter), errors.stream().map(e -> e.get("path")).toList(), tag + response.asString());
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void pagesWhoseOffsetOverflowsAre400NamingPage(String path, String role, int maxSize) {
        assertNames(path, role, "page=2147483647", "page");
        assertNames(path, role, "page=67108865&size=64", "page");
        assertNames(path, role, "page=33554432&size=64", "page"); // the first page past the end for size 64
        assertNames(path, role, "page=" + (Integer.MAX_VALUE / maxSize + 1) + "&size=" + maxSize, "page");
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void malformedPagesAndSizesAre400NamingTheParameter(String path, String role, int maxSize) {
        for (String page : new String[] { "0", "-1", "abc", "1e3", "99999999999", "2147483648" }) {
            assertNames(path, role, "page=" + page, "page");
        }
        for (String size : new String[] { "0", "-5", String.valueOf(maxSize + 1), "x", "99999999999" }) {
            assertNames(path, role, "size=" + size, "size");
        }
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void theLastPageThatFitsIsServed(String path, String role, int maxSize) {
        // the sync job of this test does not exist: its items answer 404 after the page passed, never 400 or 500
        int expected = path.startsWith("/api/v1/sync-jobs/") ? 404 : 200;
        Response response = get(path, role, "page=33554431&size=64");
        assertEquals(expected, response.statusCode(), response.asString());
        Response widest = get(path, role, "page=" + (Integer.MAX_VALUE / maxSize) + "&size=" + maxSize);
        assertEquals(expected, widest.statusCode(), widest.asString());
        if (expected == 200) {
            assertEquals(List.of(), response.jsonPath().getList("items"));
            assertEquals(33554431, response.jsonPath().getInt("page"));
        }
    }
}
