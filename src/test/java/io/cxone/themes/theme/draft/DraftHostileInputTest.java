package io.cxone.themes.theme.draft;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.Seeds;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Seeded hostile writes to the stored drafts: never a 5xx, every error problem+json naming its status, and nothing
 * half-written — themes, versions and audit events grow exactly by what was answered 201/200.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class DraftHostileInputTest {
    private static final List<String> GARBAGE = List.of("", "null", "[]", "42", "\"x\"", "{", "{}}", "{\"name\":",
            "{\"name\":\"a\",\"name\":\"b\"}", "[".repeat(5000) + "]".repeat(5000), "{\"name\":\"" + "x".repeat(300_000) + "\"}",
            "\u0000", "{\"font\":{\"sizePx\":1e400}}");

    @Test
    void randomMutationsOfCreateAndUpdateNeverHalfWrite() throws Exception {
        long seed = Seeds.seed();
        Random random = Seeds.random(seed);
        String tag = Seeds.tag(seed);
        String id = given().header("Authorization", editor()).contentType("application/json")
                .body(SampleThemes.enterpriseDarkModeJson()).post("/api/v1/themes").then().statusCode(201).extract().path("id");
        long themes = Db.count("SELECT count(*) FROM themes");
        long versions = Db.count("SELECT count(*) FROM theme_versions");
        long events = Db.count("SELECT count(*) FROM audit_events WHERE actor = 'hostile-writer'");
        int created = 0;
        int updated = 0;
        int etag = 1;
        for (int i = 0; i < 120; i++) {
            String[] field = io.cxone.themes.theme.HostileInputTestAccess.field(random);
            Object value = random.nextInt(4) == 0 ? null : io.cxone.themes.theme.HostileInputTestAccess.wrongValue(field[1], random);
            String body = random.nextInt(5) == 0 ? GARBAGE.get(random.nextInt(GARBAGE.size()))
                    : random.nextInt(3) == 0 ? mutateValid(random) : io.cxone.themes.theme.HostileInputTestAccess.sampleWith(field[0], value);
            boolean put = random.nextBoolean();
            Response response = put
                    ? given().header("Authorization", editor()).header("If-Match", "\"v" + etag + "\"")
                            .contentType("application/json").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            .put("/api/v1/themes/" + id)
                    : given().header("Authorization", editor()).contentType("application/json")
                            .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/themes");
            io.cxone.themes.theme.HostileInputTestAccess.check(tag + "#" + i + " ", response);
            if (response.statusCode() == 201) {
                created++;
            } else if (response.statusCode() == 200 && !response.header("ETag").equals("\"v" + etag + "\"")) {
                updated++;
                etag++;
            }
        }
        assertEquals(themes + created, Db.count("SELECT count(*) FROM themes"), tag + "themes");
        assertEquals(versions + created + updated, Db.count("SELECT count(*) FROM theme_versions"), tag + "versions");
        assertEquals(events + created + updated,
                Db.count("SELECT count(*) FROM audit_events WHERE actor = 'hostile-writer'"), tag + "audit events");
        assertTrue(created + updated > 0, tag + "some valid writes happened");
    }

    @Test
    void garbageToEveryDraftEndpointIsA4xxProblem() {
        for (String body : GARBAGE) {
            for (String path : new String[] { "/api/v1/themes", "/api/v1/themes/import" }) {
                Response r = given().header("Authorization", editor()).contentType("application/json")
                        .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post(path);
                io.cxone.themes.theme.HostileInputTestAccess.check("POST " + path + " ", r);
                assertTrue(r.statusCode() >= 400, path + " accepted garbage: " + r.statusCode());
            }
        }
        for (String query : new String[] { "page=-1", "page=99999999999", "size=0", "size=abc", "page=1e3" }) {
            io.cxone.themes.theme.HostileInputTestAccess.check(query + " ",
                    given().header("Authorization", editor()).get("/api/v1/themes?" + query));
        }
        for (String query : new String[] { "from=x", "to=2020-13-01T00:00:00Z", "page=0", "size=100000", "format=../../etc" }) {
            io.cxone.themes.theme.HostileInputTestAccess.check(query + " ", given()
                    .header("Authorization", TestTokens.bearer(Roles.AUDITOR)).get("/api/v1/audit/export?" + query));
        }
    }

    /** A valid theme with one value pushed just outside (or inside) its range. */
    private static String mutateValid(Random random) throws Exception {
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        switch (random.nextInt(4)) {
            case 0 -> theme.put("borderRadiusPx", random.nextInt(20));
            case 1 -> theme.put("maxWidthPx", 270 + random.nextInt(160));
            case 2 -> ((Map<String, Object>) theme.get("font")).put("color", String.format("#%06X", random.nextInt(1 << 24)));
            default -> theme.put("name", "n".repeat(random.nextInt(105)));
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(theme);
    }

    private static String editor() {
        return "Bearer " + TestTokens.token("hostile-writer", Roles.EDITOR);
    }
}
