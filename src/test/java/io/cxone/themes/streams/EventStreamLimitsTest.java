package io.cxone.themes.streams;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;

import org.jboss.resteasy.reactive.server.jaxrs.SseImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.audit.CurrentCaller;
import io.cxone.themes.security.Roles;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.LogCapture;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;

/**
 * Every server-sent event endpoint counts its streams per token subject and per instance (here 2
 * and 4), answers 429 problem+json with {@code Retry-After} past either before a stream opens, keeps idle streams
 * alive with {@code :heartbeat} comments, and gives a slot back however a stream ends. On the unfixed service a
 * caller opened as many streams as the process had file descriptors (3,000 with one viewer token, all 200).
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@TestProfile(EventStreamLimitsTest.SmallLimits.class)
class EventStreamLimitsTest {
    static final Set<String> STREAM_ENDPOINTS = Set.of("/api/v1/channels/events", "/api/v1/publications/{id}/events",
            "/api/v1/rollouts/{id}/events",
            "/api/v1/sync-jobs/{id}/events");

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.sse.max-per-subject", "2", "app.sse.max", "4", "app.sse.heartbeat", "200ms");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Inject
    EventStreams streams;

    @Inject
    StreamSettings settings;

    @Inject
    CurrentCaller caller;

    @Inject
    Vertx vertx;

    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeStreams() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        Waits.until("every stream of the test closed", () -> streams.openStreams() == 0);
    }

    @Test
    void pastTheCallersOrTheInstancesLimitEveryStreamEndpointAnswers429BeforeItOpens() throws IOException {
        UUID running = TestPublications.create("w-sse-cap", "SUBMITTED"); // held by a fixture lease: it never ends
        String finishedJob = finishedSyncJob();
        List<String> paths = List.of("/api/v1/channels/events", "/api/v1/publications/" + running + "/events",
                "/api/v1/sync-jobs/" + finishedJob + "/events");

        open("alice", "/api/v1/channels/events");
        open("alice", "/api/v1/publications/" + running + "/events");
        assertEquals(2, streams.openStreams("alice"));
        for (String path : paths) {
            refused("alice", path).body("detail", containsString("APP_SSE_MAX_PER_SUBJECT=2"));
        }

        open("bob", "/api/v1/channels/events");
        open("bob", "/api/v1/publications/" + running + "/events");
        assertEquals(4, streams.openStreams());
        for (String path : paths) {
            refused("carol", path).body("detail", containsString("maximum of 4 event streams (APP_SSE_MAX)"));
        }

        // a client that leaves frees its slot: alice may stream again (a finished job's stream: one event, the end)
        sockets.remove(0).close();
        Waits.until("alice's closed stream given back", () -> streams.openStreams("alice") == 1);
        String ended = given().header("Authorization", bearer("alice")).accept("text/event-stream")
                .get("/api/v1/sync-jobs/" + finishedJob + "/events").then().statusCode(200).extract().asString();
        assertTrue(ended.contains("\"state\":\"SUCCEEDED\""), ended);
        Waits.until("the completed stream given back", () -> streams.openStreams("alice") == 1);
        assertEquals(4 - 1, streams.openStreams());
    }

    @Test
    void anIdleStreamSendsHeartbeatCommentsThatClientsIgnoreAndLeavesQuietly() throws IOException {
        try (LogCapture log = LogCapture.start()) {
            BufferedReader in = open("dave", "/api/v1/channels/events");
            int beats = 0;
            for (String line = in.readLine(); line != null && beats < 3; line = in.readLine()) {
                assertTrue(!line.startsWith("data:"), "no event but ready on an idle stream: " + line);
                if (line.equals(":heartbeat")) {
                    beats++;
                }
            }
            assertEquals(3, beats);
            sockets.remove(0).close(); // the client leaves an idle stream: found by the next heartbeat at the latest
            Waits.until("the idle stream's slot given back", () -> streams.openStreams("dave") == 0);
            assertEquals(List.of(), log.atLeast(Level.WARNING));
        }
    }

    @Test
    void everyWayAStreamEndsGivesItsSlotBack() {
        // a separate instance, so that closeAll does not stop the application's own streams
        EventStreams own = new EventStreams(settings, caller, vertx);
        SseImpl sse = new SseImpl();

        FakeSink completed = new FakeSink();
        own.open("erin", completed, sse, Multi.createFrom().items("a", "b"));
        Waits.until("completion", () -> completed.closed.get() && own.openStreams() == 0);
        assertEquals(2, completed.data.get(), "both events written before the end");

        FakeSink failed = new FakeSink();
        own.open("erin", failed, sse, Multi.createFrom().failure(new IllegalStateException("the job vanished")));
        Waits.until("failure", () -> failed.closed.get() && own.openStreams() == 0);

        FakeSink left = new FakeSink();
        own.open("erin", left, sse, Multi.createFrom().nothing());
        assertEquals(1, own.openStreams());
        left.gone.set(true); // the connection closed before anything watched it: the next heartbeat finds out
        Waits.until("a client that left found by the heartbeat", () -> own.openStreams() == 0);

        FakeSink failingWrite = new FakeSink();
        failingWrite.failWrites.set(true);
        own.open("erin", failingWrite, sse, Multi.createFrom().nothing());
        Waits.until("a failed heartbeat write", () -> own.openStreams() == 0);
        assertTrue(!failingWrite.closed.get(), "nothing more is done to a connection whose write failed");

        FakeSink stopping = new FakeSink();
        own.open("erin", stopping, sse, Multi.createFrom().nothing());
        FakeSink other = new FakeSink();
        own.open("frank", other, sse, Multi.createFrom().nothing());
        assertEquals(2, own.openStreams());
        own.closeAll(); // what SIGTERM does, before Quarkus waits for requests in flight
        Waits.until("shutdown", () -> own.openStreams() == 0 && stopping.closed.get() && other.closed.get());
        FakeSink late = new FakeSink();
        own.open("erin", late, sse, Multi.createFrom().nothing());
        Waits.until("a stream opened while stopping ends at once", () -> own.openStreams() == 0 && late.closed.get());
    }

    @Test
    void theCappedEndpointsAreEveryStreamEndpointOfTheApi() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        Map<String, Map<String, Object>> api = openapi.getMap("paths");
        Set<String> streaming = new TreeSet<>();
        api.forEach((path, operations) -> {
            // test-only resources (the console's stream fixture) live outside /api
            if (path.startsWith("/api/") && String.valueOf(operations).contains("text/event-stream")) {
                streaming.add(path);
            }
        });
        assertEquals(new TreeSet<>(STREAM_ENDPOINTS), streaming, "a new stream endpoint must go through EventStreams "
                + "and be added to this test");
    }

    /** A stream request on a raw connection, read up to its first event: the stream is open and counted. */
    private BufferedReader open(String subject, String path) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        sockets.add(socket);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Accept: text/event-stream\r\nAuthorization: " + bearer(subject) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("HTTP/1.1 200 OK", in.readLine(), path);
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("data:")) {
                return in;
            }
        }
        throw new AssertionError("the stream " + path + " ended before its first event");
    }

    private static io.restassured.response.ValidatableResponse refused(String subject, String path) {
        Response response = given().header("Authorization", bearer(subject)).accept("text/event-stream").get(path);
        return response.then().statusCode(429).contentType("application/problem+json").header("Retry-After", "1")
                .body("status", equalTo(429));
    }

    private static String bearer(String subject) {
        return "Bearer " + TestTokens.token(subject, Roles.VIEWER, Roles.PUBLISHER);
    }

    private static String finishedSyncJob() {
        UUID publication = TestPublications.active("w-sse-job");
        String job = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                .body(Map.of("publicationId", publication.toString(), "widgetIds", List.of("w-sse-1"),
                        "overrideExisting", false))
                .post("/api/v1/sync-jobs").then().statusCode(202).extract().path("id");
        Waits.until("sync job " + job + " finished", () -> given().header("Authorization", TestTokens.bearer(Roles.VIEWER))
                .get("/api/v1/sync-jobs/" + job).then().extract().path("state"), "SUCCEEDED"::equals);
        return job;
    }

    /** A sink that records what is written; {@code gone} plays a closed connection, {@code failWrites} a reset. */
    private static final class FakeSink implements SseEventSink {
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicBoolean gone = new AtomicBoolean();
        final AtomicBoolean failWrites = new AtomicBoolean();
        final AtomicInteger data = new AtomicInteger();

        @Override
        public boolean isClosed() {
            return closed.get() || gone.get();
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            if (failWrites.get()) {
                return CompletableFuture.failedFuture(new IOException("Connection reset by peer"));
            }
            if (event.getData() != null) {
                data.incrementAndGet();
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
