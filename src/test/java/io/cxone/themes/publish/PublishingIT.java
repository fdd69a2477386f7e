package io.cxone.themes.publish;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Publication jobs across real processes: a standalone simulator jar as CXone, service jars on one shared PostgreSQL.
 * A job survives its instance being killed mid-activation; two instances share the work and never run a job twice.
 */
class PublishingIT {
    private static final String CREATE = "POST /api/v1/omnichannel/webmessaging/widgets/{widgetId}/themes";
    private static EmbeddedPostgres db;
    private static ServiceProcess simulator;

    @BeforeAll
    static void start() throws IOException {
        db = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        // a fresh directory each run: the simulator keeps no state worth reusing (mvn clean removes old ones)
        Path simData = Path.of("target/publishing-it-sim-pg-" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, String> simProps = new HashMap<>(ServiceProcess.trustingTestTokens()); // its admin API takes TestTokens
        simProps.put("app.embedded-db.dir", simData.toString());
        simulator = ServiceProcess.start("publishing-it-sim", simProps);
    }

    @AfterAll
    static void stop() throws IOException {
        if (simulator != null) {
            simulator.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aJobResumesAfterItsInstanceIsKilledMidActivation() {
        // the activation takes a minute of the simulator's time, which passes only when we say: the kill is certain to
        // come after the submit and before CXone reports ACTIVE, however slow this machine is today
        faults(Map.of("activationDelayMs", 60_000));
        String widget = "w-crash-" + UUID.randomUUID().toString().substring(0, 6);
        String id;
        try (ServiceProcess first = service("publishing-it-crash-1")) {
            String theme = draft(first);
            id = publish(first, widget, theme);
            await(first, id, "SUBMITTED", "ACTIVATING");
            first.kill();
        }
        try (ServiceProcess second = service("publishing-it-crash-2")) {
            Sim.admin().contentType(ContentType.JSON).body(Map.of("advanceMs", 60_000))
                    .post(simulator.url("/simulator/admin/clock")).then().statusCode(200);
            JsonPath done = await(second, id, "ACTIVE", "FAILED");
            assertEquals("ACTIVE", done.getString("state"), done.prettify());
            assertEquals(1, done.getInt("attempts"), "submitted once: the restart resumed polling, not submitting");
        }
        assertEquals(1L, themesOn(widget), "exactly one theme in CXone");
        assertEquals(List.of("publication.requested", "publication.submitted", "publication.activated"), actions(id));
    }

    @Test
    void twoInstancesShareTheJobsAndNeverRunOneTwice() {
        faults(Map.of("activationDelayMs", 1500));
        long createsBefore = count(CREATE, "201");
        List<String> ids = new ArrayList<>();
        List<String> widgets = new ArrayList<>();
        try (ServiceProcess a = service("publishing-it-scale-a");
                ServiceProcess b = service("publishing-it-scale-b")) {
            String theme = draft(a);
            for (int i = 0; i < 12; i++) {
                String widget = "w-scale-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
                widgets.add(widget);
                ids.add(publish(i % 2 == 0 ? a : b, widget, theme));
            }
            for (int i = 0; i < ids.size(); i++) {
                JsonPath done = await(i % 2 == 0 ? b : a, ids.get(i), "ACTIVE", "FAILED");
                assertEquals("ACTIVE", done.getString("state"), done.prettify());
            }
        }
        Set<String> instances = new HashSet<>();
        for (String id : ids) {
            assertEquals(List.of("publication.requested", "publication.submitted", "publication.activated"), actions(id),
                    "publication " + id + " submitted and activated exactly once");
            instances.addAll(stepInstances(id));
        }
        assertEquals(2, instances.size(), "both instances ran jobs: " + instances);
        widgets.forEach(w -> assertEquals(1L, themesOn(w), "one theme on " + w));
        assertEquals(12, count(CREATE, "201") - createsBefore, "12 creates in CXone, no more");
    }

    private static ServiceProcess service(String name) {
        Map<String, String> props = new HashMap<>(ServiceProcess.trustingTestTokens());
        props.put("cxone.base-url", simulator.url("/simulator/cxone"));
        props.put("quarkus.datasource.reactive.url", "postgresql://localhost:" + db.getPort() + "/postgres");
        props.put("quarkus.datasource.username", "postgres");
        props.put("app.jobs.publications.lease", "3s");
        return ServiceProcess.start(name, props);
    }

    private static String draft(ServiceProcess service) {
        return given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).contentType(ContentType.JSON)
                .body(SampleThemes.enterpriseDarkModeJson()).post(service.url("/api/v1/themes")).then().statusCode(201)
                .extract().path("id");
    }

    private static String publish(ServiceProcess service, String widget, String theme) {
        return given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body(Map.of("themeId", theme)).post(service.url("/api/v1/widgets/" + widget + "/publications"))
                .then().statusCode(202).extract().path("id");
    }

    private static JsonPath await(ServiceProcess service, String id, String... states) {
        return Waits.until("publication " + id + " in " + List.of(states), () -> given()
                .header("Authorization", TestTokens.bearer(Roles.VIEWER)).get(service.url("/api/v1/publications/" + id))
                .then().statusCode(200).extract().jsonPath(), p -> List.of(states).contains(p.getString("state")));
    }

    private static void faults(Map<String, Object> faults) {
        Sim.admin().contentType(ContentType.JSON).body(faults).put(simulator.url("/simulator/admin/faults")).then().statusCode(200);
    }

    private static long themesOn(String widget) {
        return stat("themesPerWidget.'" + widget + "'");
    }

    private static long count(String route, String status) {
        return stat("requests.'" + route + "'.'" + status + "'");
    }

    private static long stat(String path) {
        Number n = Sim.admin().get(simulator.url("/simulator/admin/stats")).then().statusCode(200).extract().jsonPath().get(path);
        return n == null ? 0 : n.longValue();
    }

    private static List<String> actions(String publicationId) {
        return query("SELECT action FROM audit_events WHERE publication_id = ? ORDER BY seq", publicationId);
    }

    private static List<String> stepInstances(String publicationId) {
        return query("SELECT details->>'instance' FROM audit_events WHERE publication_id = ? "
                + "AND action IN ('publication.submitted', 'publication.activated') ORDER BY seq", publicationId);
    }

    private static List<String> query(String sql, String parameter) {
        try (Connection c = DriverManager.getConnection(db.getJdbcUrl("postgres", "postgres"))) {
            return Db.strings(c, sql, parameter);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
