package io.cxone.themes.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged service on its zero-configuration embedded PostgreSQL, stopped and killed between writes: drafts,
 * versions and the audit chain are all still there and the chain still verifies.
 */
class RestartIT {
    private static final Path DATA = Path.of("target/restart-it-pg");

    @Test
    void draftsVersionsAndTheChainSurviveAStopAndAKill() throws IOException {
        deleteRecursively(DATA);
        Map<String, String> props = new HashMap<>(ServiceProcess.trustingTestTokens());
        props.put("app.embedded-db.dir", DATA.toString());
        String id;
        long events;
        try (ServiceProcess first = ServiceProcess.start("restart-it-1", props)) {
            assertTrue(first.log().contains("Using the embedded PostgreSQL"), first.log());
            id = editor().body(SampleThemes.enterpriseDarkModeJson()).post(first.url("/api/v1/themes"))
                    .then().statusCode(201).extract().path("id");
            Map<String, Object> changed = SampleThemes.enterpriseDarkModeJson();
            changed.put("borderRadiusPx", 4);
            editor().header("If-Match", "\"v1\"").body(changed).put(first.url("/api/v1/themes/" + id)).then().statusCode(200);
            events = verify(first);
            first.stop();
        }
        try (ServiceProcess second = ServiceProcess.start("restart-it-2", props)) {
            assertState(second, id, events);
            Map<String, Object> changed = SampleThemes.enterpriseDarkModeJson();
            changed.put("borderRadiusPx", 6);
            editor().header("If-Match", "\"v2\"").body(changed).put(second.url("/api/v1/themes/" + id)).then().statusCode(200);
            events = verify(second);
            second.kill(); // no shutdown hooks: the embedded server is left running, orphaned
        }
        try (ServiceProcess third = ServiceProcess.start("restart-it-3", props)) {
            assertEquals(events, verify(third));
            given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get(third.url("/api/v1/themes/" + id + "/versions"))
                    .then().statusCode(200).body("version", equalTo(List.of(1, 2, 3)));
        }
    }

    private static void assertState(ServiceProcess service, String id, long events) {
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get(service.url("/api/v1/themes/" + id))
                .then().statusCode(200).header("ETag", "\"v2\"").body("theme.borderRadiusPx", equalTo(4));
        given().header("Authorization", TestTokens.bearer(Roles.VIEWER)).get(service.url("/api/v1/themes/" + id + "/versions"))
                .then().statusCode(200).body("version", equalTo(List.of(1, 2)));
        assertEquals(events, verify(service));
    }

    private static long verify(ServiceProcess service) {
        return given().header("Authorization", TestTokens.bearer(Roles.AUDITOR)).get(service.url("/api/v1/audit/verify"))
                .then().statusCode(200).body("valid", equalTo(true)).extract().jsonPath().getLong("events");
    }

    private static RequestSpecification editor() {
        return given().header("Authorization", "Bearer " + TestTokens.token("restart-tester", Roles.EDITOR))
                .contentType(ContentType.JSON);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
