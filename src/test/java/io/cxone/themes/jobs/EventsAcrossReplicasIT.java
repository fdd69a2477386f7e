package io.cxone.themes.jobs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.SampleThemes;
import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The split deployment on packaged jars: instance A is API-only ({@code APP_JOBS=off}), instance B runs the jobs, on
 * one database, with CXone and the channel host served by a third process (the simulator). B's scans are an hour
 * apart, so only a notification can explain B acting on what A queued at once:
 * <ul>
 * <li>a client of A's channel event stream receives the event of the check B ran on a watch created through A;</li>
 * <li>a publication queued through A is submitted by B.</li>
 * </ul>
 */
class EventsAcrossReplicasIT {
    private static final Path SIM_DATA = Path.of("target/events-replicas-sim-pg");
    private static final Path DATA = Path.of("target/events-replicas-pg");

    @Test
    void anApiOnlyReplicaSeesTheWorkersChecksAndWakesItsWorker() throws Exception {
        deleteRecursively(SIM_DATA);
        deleteRecursively(DATA);
        Map<String, String> simProps = new HashMap<>(ServiceProcess.trustingTestTokens());
        simProps.put("app.embedded-db.dir", SIM_DATA.toString());
        simProps.put("app.jobs", "off");
        try (ServiceProcess sim = ServiceProcess.start("events-replicas-sim", simProps)) {
            Map<String, String> props = new HashMap<>(ServiceProcess.trustingTestTokens());
            props.put("cxone.base-url", sim.url(Sim.BASE));
            props.put("cxone.channel-base-url", sim.url("/simulator/channels/{env}/{domain}"));
            Map<String, String> apiOnly = new HashMap<>(props);
            apiOnly.put("app.embedded-db.dir", DATA.toString());
            apiOnly.put("app.jobs", "off");
            try (ServiceProcess a = ServiceProcess.start("events-replicas-a", apiOnly)) {
                int port = Integer.parseInt(Files.readAllLines(DATA.resolve("postmaster.pid")).get(3).strip());
                Map<String, String> worker = new HashMap<>(props);
                worker.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/postgres");
                worker.put("quarkus.datasource.username", "postgres");
                worker.put("quarkus.datasource.password", Db.secretOf(DATA));
                // scans an hour apart: after its start-up scan, B finds new jobs only when notified
                worker.put("app.jobs.publications.scan", "1h");
                worker.put("app.jobs.channels.scan", "1h");
                try (ServiceProcess b = ServiceProcess.start("events-replicas-b", worker)) {
                    channelEventsReachTheApiOnlyReplica(a);
                    aPublicationQueuedOnTheApiOnlyReplicaIsSubmittedByTheWorker(a);
                }
            }
        }
    }

    private static void channelEventsReachTheApiOnlyReplica(ServiceProcess a) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(a.url("/api/v1/channels/events")))
                .header("Authorization", TestTokens.bearer(Roles.VIEWER)).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        Thread reader = new Thread(() -> response.body().forEach(lines::add), "a-channel-events");
        reader.setDaemon(true);
        reader.start();
        try {
            Waits.until("A's stream is ready", () -> lines.stream().anyMatch(l -> l.contains("\"type\":\"ready\"")));
            String watch = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                    .body(Map.of("brandId", "replicas", "channelId", "chat_replicas", "env", "c1", "domain",
                            "niceincontact.com", "intervalSeconds", 3600))
                    .post(a.url("/api/v1/channels")).then().statusCode(201).extract().path("id");
            String event = Waits.until("the check's event on A's stream", () -> lines.stream()
                    .filter(l -> l.startsWith("data:") && l.contains(watch)).findFirst().orElse(null), e -> e != null);
            JsonPath json = JsonPath.from(event.substring(5));
            assertEquals("state", json.getString("type"), event);
            assertEquals("passing", json.getString("to"), event);
        } finally {
            response.body().close(); // closes the connection: A's stream ends
        }
    }

    private static void aPublicationQueuedOnTheApiOnlyReplicaIsSubmittedByTheWorker(ServiceProcess a) {
        String theme = given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).contentType(ContentType.JSON)
                .body(SampleThemes.enterpriseDarkModeJson()).post(a.url("/api/v1/themes"))
                .then().statusCode(201).extract().path("id");
        String id = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body(Map.of("themeId", theme)).post(a.url("/api/v1/widgets/replicas-widget/publications"))
                .then().statusCode(202).extract().path("id");
        JsonPath submitted = Waits.until("publication " + id + " submitted", () -> given()
                .header("Authorization", TestTokens.bearer(Roles.VIEWER)).get(a.url("/api/v1/publications/" + id))
                .then().statusCode(200).extract().jsonPath(), p -> p.getString("submittedAt") != null);
        assertNotEquals("QUEUED", submitted.getString("state"), submitted.prettify());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
