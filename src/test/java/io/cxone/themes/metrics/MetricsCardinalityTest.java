package io.cxone.themes.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.TestTokens;
import io.restassured.http.ContentType;

import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Metrics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * No caller decides how many series {@code /q/metrics} has. Without a token, 1,000 made-up HTTP
 * methods and 1,000 made-up paths (unmatched, under real prefixes, under real templates with a method they do not
 * serve, with an over-long body) add at most a few series: unknown methods fold into one {@code method} value,
 * unmatched paths into one {@code uri} value.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class MetricsCardinalityTest {
    /**
     * The series these requests may add: each method the test uses (a made-up one folded into one) with the statuses
     * it ends in here (401, 404, 405, 413), under a template or a folded value; 1,000s without folding.
     */
    private static final int FEW = 8;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    @Test
    void madeUpMethodsAndPathsAddAtMostAFewSeries() throws Exception {
        // the series a first request of each kind makes legitimately (the scrape itself, a 404, a 401) exist already
        send("GET", "/q/metrics", null);
        send("GET", "/no-such-page", null);
        send("GET", "/api/v1/themes", null);
        Set<String> before = series(Metrics.scrape());

        sendMany(i -> "M" + Integer.toString(i, 36).toUpperCase() + "X", i -> "/api/v1/themes");
        sendMany(i -> "GET", i -> "/made-up-" + i);
        sendMany(i -> "GET", i -> "/api/v1/made-up-" + i);
        sendMany(i -> "DELETE", i -> "/api/v1/themes/" + UUID.nameUUIDFromBytes(new byte[] { (byte) i, (byte) (i >> 8) })
                + "/made-up"); // under a template, unmatched
        sendMany(i -> "PATCH", i -> "/api/v1/themes/" + new UUID(i, i)); // a real template, a method it does not serve
        sendMany(i -> "GET", i -> "/api/v1/themes/" + new UUID(i, -i)); // a real template, no token: 401
        sendMany(i -> "GET", i -> "/q/made-up-" + i);
        sendMany(i -> "GET", i -> "/preview/made-up-" + i);
        for (int i = 0; i < 100; i++) {
            declareTooLargeABody("/made-up-" + i); // 413 before any route looked at the path
        }

        String after = Metrics.scrape();
        Set<String> added = series(after);
        added.removeAll(before);
        assertTrue(added.size() <= FEW, added.size() + " new series:\n" + String.join("\n", added));
        assertTrue(!after.contains("made-up"), "no made-up path is a label value");
    }

    @Test
    void channelIdsACallerChoosesAreNoLabelValues() {
        for (int i = 0; i < 30; i++) {
            given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).contentType(ContentType.JSON)
                    .body(Map.of("brandId", "4711", "channelId", "chat_card_" + i, "env", "c1", "domain", "niceincontact.com"))
                    .post("/api/v1/themes/import").then().statusCode(anyOf(is(201), is(404)));
        }
        String metrics = Metrics.scrape();
        assertTrue(!metrics.contains("chat_card"), metrics.lines().filter(l -> l.contains("chat_card")).limit(20)
                .collect(Collectors.joining("\n")));
    }

    /** 1,000 requests: method and path for each i. */
    private void sendMany(IntFunction<String> method, IntFunction<String> path) throws Exception {
        for (int i = 0; i < 1_000; i++) {
            send(method.apply(i), path.apply(i), i % 100 == 0 ? "{}" : null);
        }
    }

    private int send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A POST whose declared length is over the limit, without its body: answered 413 at once. */
    private static void declareTooLargeABody(String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(180_000); // only stops a hung test
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                    + "application/json\r\nContent-Length: 100000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals("HTTP/1.1 413", new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII));
        }
    }

    /** Every series (label set) of the HTTP server's request timer. */
    private static Set<String> series(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count"))
                .map(l -> l.substring(0, l.lastIndexOf(' '))).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
