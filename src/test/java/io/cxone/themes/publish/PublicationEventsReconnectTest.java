package io.cxone.themes.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestPublications;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A publication's event stream follows changes stored by another instance through PostgreSQL notifications, and
 * misses nothing when the LISTEN connection is lost: a change whose notification never arrived is found by the re-read
 * that follows the reconnect. The slow backstop re-read is set to an hour here, so only the notification, and then
 * only the resync, can explain each event. The changes are made with SQL, as another instance's fenced writes would
 * make them (this instance pushes nothing).
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@TestProfile(PublicationEventsReconnectTest.NoBackstop.class)
class PublicationEventsReconnectTest {
    public static class NoBackstop implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.jobs.stream-recheck", "1h");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void aStreamGetsTheTerminalStateAfterTheListenConnectionWasKilled() throws Exception {
        // held by a lease that never runs out: no worker moves it; only the SQL below does
        UUID id = TestPublications.create("w-reconnect-" + UUID.randomUUID(), "SUBMITTED");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/publications/" + id + "/events"))
                .header("Authorization", TestTokens.bearer(Roles.VIEWER)).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        List<String> states = new ArrayList<>();
        assertTimeoutPreemptively(Waits.PATIENCE, () -> {
            Iterator<String> lines = response.body().filter(line -> line.startsWith("data:")).iterator();
            states.add(state(lines.next()));
            assertEquals(List.of("SUBMITTED"), states);

            // another instance's fenced write: the change and its notification commit together
            Db.inTransaction("UPDATE publications SET state = 'ACTIVATING' WHERE id = '" + id + "'",
                    "SELECT pg_notify('cxone_job_changed', 'publications:" + id + "')");
            states.add(state(lines.next()));
            assertEquals(List.of("SUBMITTED", "ACTIVATING"), states, "the notification brought the change");

            // a change whose notification was lost (sent while the LISTEN connection was down), then the loss itself
            Db.execute("UPDATE publications SET state = 'ACTIVE', lease_owner = NULL, lease_until = NULL WHERE id = '"
                    + id + "'");
            long killed = Db.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE "
                    + "'LISTEN%' AND pid <> pg_backend_pid()");
            assertTrue(killed >= 1, "the LISTEN connection was found and terminated");
            lines.forEachRemaining(line -> states.add(state(line))); // the stream ends by itself at the terminal state
        });
        assertEquals(List.of("SUBMITTED", "ACTIVATING", "ACTIVE"), states, "the resync after the reconnect found ACTIVE");
    }

    private static String state(String dataLine) {
        return JsonPath.from(dataLine.substring(5)).getString("state");
    }
}
