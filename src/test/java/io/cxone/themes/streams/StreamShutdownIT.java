package io.cxone.themes.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.TestTokens;

/**
 * SIGTERM ends every open event stream at once with a normal end of its response (the chunked
 * body's last chunk), so the graceful shutdown does not wait for them. On the unfixed jar one open stream held the
 * shutdown for its whole {@code quarkus.shutdown.timeout} (20 s in prod), which then logged "Timed out waiting for
 * graceful shutdown" and cut the connection; by then the embedded database had stopped, so the job leases could not
 * be released either.
 */
class StreamShutdownIT {

    @Test
    void sigtermEndsOpenStreamsCleanlyInsteadOfWaitingForThem() throws Exception {
        Map<String, String> props = new HashMap<>(ServiceProcess.trustingTestTokens());
        props.put("app.embedded-db.dir", "target/stream-shutdown-it-pg-" + UUID.randomUUID().toString().substring(0, 8));
        props.put("quarkus.shutdown.timeout", "20s"); // prod's value, stated: the wait this test shows is not spent
        try (ServiceProcess service = ServiceProcess.start("stream-shutdown-it", props);
                Socket socket = new Socket("localhost", service.port())) {
            socket.getOutputStream().write(("GET /api/v1/channels/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\nAuthorization: Bearer " + TestTokens.token("watcher", Roles.VIEWER)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("HTTP/1.1 200 OK", in.readLine());
            String line = in.readLine();
            while (line != null && !line.contains("\"type\":\"ready\"")) {
                line = in.readLine();
            }
            assertTrue(line != null, "the stream is open");

            service.stop(); // SIGTERM, and wait for the process to end
            List<String> rest = new ArrayList<>();
            for (line = in.readLine(); line != null; line = in.readLine()) {
                rest.add(line);
            }
            // chunked encoding ends with a zero-size chunk and an empty line: the response ended, it was not cut off
            int last = rest.lastIndexOf("0");
            assertTrue(last >= 0 && rest.subList(last + 1, rest.size()).stream().allMatch(String::isEmpty),
                    "the stream ended with its last chunk: " + rest);
            assertFalse(service.log().contains("Timed out waiting for graceful shutdown"), service.log());
        }
    }
}
