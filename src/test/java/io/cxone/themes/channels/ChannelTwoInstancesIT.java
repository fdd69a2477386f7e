package io.cxone.themes.channels;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.ServiceProcess;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Two packaged service instances on one database, checking channels served by a third process (the simulator): every
 * watch is checked exactly once in its first interval — the simulator saw one fetch per watch, and the two instances'
 * check counters add up to the number of watches — and each one's next check is an interval (plus jitter) away.
 */
class ChannelTwoInstancesIT {
    private static final Path SIM_DATA = Path.of("target/channels-two-sim-pg");
    private static final Path DATA = Path.of("target/channels-two-pg");
    private static final int WATCHES = 24;
    private static final String CHANNEL_ROUTE = "GET /channels/{env}/{domain}/chat/1.0/brand/{brandId}/channel/{channelId}";
    private static final Pattern CHECKS = Pattern.compile("(?m)^channels_checks_total\\{[^}]*} ([0-9.]+)");

    @Test
    void twoInstancesCheckEachWatchOncePerInterval() throws Exception {
        deleteRecursively(SIM_DATA);
        deleteRecursively(DATA);
        Map<String, String> simProps = new HashMap<>(ServiceProcess.trustingTestTokens());
        simProps.put("app.embedded-db.dir", SIM_DATA.toString());
        simProps.put("app.jobs", "off");
        try (ServiceProcess sim = ServiceProcess.start("channels-two-sim", simProps)) {
            Map<String, String> props = new HashMap<>(ServiceProcess.trustingTestTokens());
            props.put("cxone.base-url", sim.url(Sim.BASE));
            // the channel host is the simulator process (its host fixed here, so no public-address rule applies)
            props.put("cxone.channel-base-url", sim.url("/simulator/channels/{env}/{domain}"));
            // slow enough per instance that one instance alone cannot take every watch before the other's next scan
            props.put("app.channels.rate", "4");
            props.put("app.jobs.channels.scan", "1s"); // the scan this premise was measured with (the default is 5s)
            Map<String, String> first = new HashMap<>(props);
            first.put("app.embedded-db.dir", DATA.toString());
            try (ServiceProcess a = ServiceProcess.start("channels-two-a", first)) {
                int port = Integer.parseInt(Files.readAllLines(DATA.resolve("postmaster.pid")).get(3).strip());
                Map<String, String> second = new HashMap<>(props);
                second.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/postgres");
                second.put("quarkus.datasource.username", "postgres");
                second.put("quarkus.datasource.password", Db.secretOf(DATA));
                try (ServiceProcess b = ServiceProcess.start("channels-two-b", second)) {
                    for (int i = 0; i < WATCHES; i++) {
                        given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER)).contentType(ContentType.JSON)
                                .body(Map.of("brandId", "two-" + i, "channelId", "chat_two", "env", "c1", "domain",
                                        "niceincontact.com", "intervalSeconds", 60))
                                .post((i % 2 == 0 ? a : b).url("/api/v1/channels")).then().statusCode(201);
                    }
                    JsonPath all = Waits.until("every watch checked once", () -> given()
                            .header("Authorization", TestTokens.bearer(Roles.VIEWER)).queryParam("size", 100)
                            .get(b.url("/api/v1/channels")).then().statusCode(200).extract().jsonPath(),
                            page -> page.getList("items.lastCheckedAt").stream().allMatch(t -> t != null));
                    long fetched = channelFetches(sim);
                    double byA = checks(a);
                    double byB = checks(b);
                    assertEquals(WATCHES, fetched, "one fetch per watch (a: " + byA + " checks, b: " + byB + ")");
                    assertEquals(WATCHES, (long) (byA + byB), "each watch checked by one instance, once");
                    List<Map<String, Object>> items = all.getList("items");
                    for (Map<String, Object> w : items) {
                        Duration gap = Duration.between(Instant.parse((String) w.get("lastCheckedAt")),
                                Instant.parse((String) w.get("nextCheckAt")));
                        assertTrue(gap.compareTo(Duration.ofSeconds(60)) >= 0 && gap.compareTo(Duration.ofSeconds(66)) <= 0,
                                "next check an interval plus at most 10 % later: " + w);
                        assertEquals("passing", w.get("state"), w.toString());
                    }
                    System.out.printf("channel checks: instance a %.0f, instance b %.0f%n", byA, byB);
                }
            }
        }
    }

    private static long channelFetches(ServiceProcess sim) {
        Map<String, Object> stats = Sim.admin().get(sim.url(Sim.ADMIN + "/stats")).then().statusCode(200).extract()
                .jsonPath().getMap("$");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Number>> requests = (Map<String, Map<String, Number>>) stats.get("requests");
        Map<String, Number> route = requests.getOrDefault(CHANNEL_ROUTE, Map.of());
        return route.values().stream().mapToLong(Number::longValue).sum();
    }

    private static double checks(ServiceProcess service) {
        String metrics = given().get(service.url("/q/metrics")).then().statusCode(200).extract().asString();
        Matcher m = CHECKS.matcher(metrics);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
