package io.cxone.themes.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Exports over HTTP: every event of the trail, one parseable line each, with hostile actors and names intact. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class AuditExportTest {
    private static final String HOSTILE_ACTOR = "mal|lory=\\x] \"q\" CEF:0|";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFormatExportsEveryEventAsOneLineThatParsesBack() throws Exception {
        Db.endLeftoverJobs(); // no background job may append between our count and the exports
        Map<String, Object> theme = SampleThemes.enterpriseDarkModeJson();
        theme.put("name", "Pipes | equals = backslash \\ bracket ] quote \"");
        given().header("Authorization", "Bearer " + TestTokens.token(HOSTILE_ACTOR, Roles.EDITOR))
                .contentType(ContentType.JSON).body(theme).post("/api/v1/themes").then().statusCode(201);
        // each signed checkpoint is a line of its own (earlier test classes may have written some)
        long events = Db.count("SELECT count(*) FROM audit_events")
                + Db.count("SELECT count(*) FROM audit_checkpoints");

        List<String> jsonl = lines("jsonl", "application/x-ndjson");
        assertEquals(events, jsonl.size());
        JsonNode last = JSON.readTree(jsonl.get(jsonl.size() - 1));
        assertEquals(HOSTILE_ACTOR, last.get("actor").asText());
        assertEquals(Db.count("SELECT max(seq) FROM audit_events"), JsonLinesFormat.parse(jsonl.get(jsonl.size() - 1)).seq());

        List<String> cef = lines("cef", "text/plain");
        assertEquals(events, cef.size());
        String lastCef = cef.get(cef.size() - 1);
        List<String> header = headerFields(lastCef);
        assertEquals(List.of("CEF:0", "NICE-CXone-Tools", "cxone-theme-service", "1.0", "theme.created",
                "theme.created success", "3"), header, "seven unescaped pipes delimit the header: " + lastCef);
        assertTrue(lastCef.contains("suser=mal|lory\\=\\\\x]"), lastCef);

        List<String> syslog = lines("syslog", "text/plain");
        assertEquals(events, syslog.size());
        assertTrue(syslog.get(syslog.size() - 1).matches("<\\d+>1 \\S+ \\S+ \\S+ - \\S+ \\[audit@32473 .*"),
                syslog.get(syslog.size() - 1));
        assertTrue(syslog.get(syslog.size() - 1).contains("actor=\"mal|lory=\\\\x\\] \\\"q\\\" CEF:0|\""));

        List<String> ocsf = lines("ocsf", "application/x-ndjson");
        assertEquals(events, ocsf.size());
        JsonNode lastOcsf = JSON.readTree(ocsf.get(ocsf.size() - 1));
        assertEquals(3004, lastOcsf.get("class_uid").asInt());
        assertEquals(HOSTILE_ACTOR, lastOcsf.at("/actor/user/name").asText());
    }

    @Test
    void anUnknownFormatIs400NamingTheParameter() {
        auditor().queryParam("format", "xml").get("/api/v1/audit/export").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].path", org.hamcrest.Matchers.equalTo("format"));
    }

    @Test
    void filtersApplyToExports() {
        given().header("Authorization", "Bearer " + TestTokens.token("export-filter", Roles.EDITOR))
                .contentType(ContentType.JSON).body(SampleThemes.enterpriseDarkModeJson()).post("/api/v1/themes")
                .then().statusCode(201);
        String body = auditor().queryParam("format", "jsonl").queryParam("actor", "export-filter")
                .get("/api/v1/audit/export").then().statusCode(200).extract().asString();
        assertEquals(1, body.lines().count(), body);
    }

    private static List<String> lines(String format, String mediaType) {
        String body = auditor().queryParam("format", format).get("/api/v1/audit/export").then().statusCode(200)
                .contentType(startsWith(mediaType)).extract().asString();
        assertTrue(body.endsWith("\n"));
        return Arrays.asList(body.split("\n"));
    }

    /** The seven header fields: text up to each of the first seven unescaped pipes. */
    private static List<String> headerFields(String line) {
        List<String> fields = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < line.length() && fields.size() < 7; i++) {
            if (line.charAt(i) == '\\') {
                i++;
            } else if (line.charAt(i) == '|') {
                fields.add(line.substring(start, i));
                start = i + 1;
            }
        }
        return fields;
    }

    private static io.restassured.specification.RequestSpecification auditor() {
        return given().header("Authorization", TestTokens.bearer(Roles.AUDITOR));
    }
}
