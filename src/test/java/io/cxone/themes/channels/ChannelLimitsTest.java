package io.cxone.themes.channels;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestTokens;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Limits on checks and watches, against the simulator's channel endpoint. A cooldown and a failure back-off of an hour
 * (this profile) make both visible without waiting: a check asked for is due at a time a test can read
 * ({@code next_check_at}), and time passes when the test moves it. On the unfixed service 300 "check now" on a failing
 * watch made 300 checks (81 connections to the channel host), 1,000 watches were all created, and the JSON report was
 * one 298 KB answer.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@TestProfile(ChannelLimitsTest.Limits.class)
class ChannelLimitsTest {
    static final int MAX_WATCHES = 4;

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.channels.check-cooldown", "1h", "app.channels.retry-after-failure", "1h",
                    "app.channels.max-watches", String.valueOf(MAX_WATCHES));
        }
    }

    @TestHTTPResource("/")
    URL base;

    private final List<String> brands = new ArrayList<>();

    /** The limit counts every watch of the deployment: this class starts and ends with none. */
    @BeforeEach
    @AfterEach
    void noWatches() {
        for (String brand : brands) {
            given().delete("/simulator/admin/channels/" + brand + "/chat_lim");
        }
        Db.execute("DELETE FROM channel_watches");
    }

    @Test
    void checkNowRunsAtMostOneCheckPerCooldownAndLaterRequestsJoinTheQueuedOne() {
        String brand = brand();
        setLook(brand, ChannelMonitorTest.ACCESSIBLE);
        String id = create(brand);
        JsonPath first = awaitCheck(id, null);

        for (int i = 0; i < 30; i++) {
            publisher().post("/api/v1/channels/" + id + "/check").then().statusCode(202)
                    .body("lastCheckedAt", equalTo(first.getString("lastCheckedAt")));
        }
        // one check is queued, for the end of the cooldown after the last check; none is due now, so no instance
        // fetches before then (the flood changed nothing but that)
        assertEquals(1, Db.count("SELECT count(*) FROM channel_watches WHERE id = '" + id + "' AND next_check_at = "
                + "last_checked_at + interval '1 hour' AND next_check_at > now()"), "queued at the cooldown's end");
        assertEquals(first.getString("lastCheckedAt"), watch(id).getString("lastCheckedAt"));

        // the cooldown passes: the queued check runs, and the next request is again queued a cooldown after it
        passTime(id);
        Instant before = Instant.parse(first.getString("lastCheckedAt"));
        JsonPath second = Waits.until("the queued check of " + id, () -> watch(id),
                w -> Instant.parse(w.getString("lastCheckedAt")).isAfter(before));
        publisher().post("/api/v1/channels/" + id + "/check").then().statusCode(202);
        assertEquals(1, Db.count("SELECT count(*) FROM channel_watches WHERE id = '" + id + "' AND next_check_at = "
                + "last_checked_at + interval '1 hour'"));
        assertEquals(second.getString("lastCheckedAt"), watch(id).getString("lastCheckedAt"));
    }

    @Test
    void checkNowNeverSkipsTheBackOffOfAFailedFetch() {
        String brand = brand();
        setLook(brand, Map.of("fail", Map.of("status", 503)));
        String id = create(brand);
        JsonPath failed = awaitCheck(id, null);
        assertEquals(1, failed.getInt("consecutiveFailures"));
        String retry = failed.getString("nextCheckAt");

        for (int i = 0; i < 30; i++) {
            publisher().post("/api/v1/channels/" + id + "/check").then().statusCode(202)
                    .body("nextCheckAt", equalTo(retry));
        }
        // outside the cooldown too: the back-off is the host's, not the caller's
        Db.execute("UPDATE channel_watches SET last_checked_at = last_checked_at - interval '2 hours' WHERE id = '"
                + id + "'");
        publisher().post("/api/v1/channels/" + id + "/check").then().statusCode(202).body("nextCheckAt", equalTo(retry));
        assertEquals(1, Db.count("SELECT count(*) FROM channel_watches WHERE id = '" + id + "' AND next_check_at > now() "
                + "AND consecutive_failures = 1"), "the retry stays at the end of its back-off");
    }

    @Test
    void theDeploymentKeepsAtMostMaxWatchesEvenWhenTheyAreCreatedAtOnce() throws Exception {
        int attempts = 3 * MAX_WATCHES;
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            bodies.add(body(brand()));
        }
        List<HttpResponse<String>> answers = createAtOnce(bodies);
        long created = answers.stream().filter(a -> a.statusCode() == 201).count();
        List<HttpResponse<String>> refused = answers.stream().filter(a -> a.statusCode() == 409).toList();
        assertEquals(MAX_WATCHES, created, answers.stream().map(HttpResponse::statusCode).toList().toString());
        assertEquals(attempts - MAX_WATCHES, refused.size());
        for (HttpResponse<String> answer : refused) {
            assertTrue(answer.body().contains("APP_CHANNELS_MAX_WATCHES"), answer.body());
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
        }
        assertEquals(MAX_WATCHES, Db.count("SELECT count(*) FROM channel_watches"));

        // a watch of a channel watched already is still named as such when the deployment is full
        JsonPath list = viewer().get("/api/v1/channels").then().statusCode(200).extract().jsonPath();
        publisher().body(body(list.getString("items[0].brandId"))).post("/api/v1/channels").then().statusCode(409)
                .body("detail", containsString("watched already"));
        // room again after a delete
        publisher().delete("/api/v1/channels/" + list.getString("items[0].id")).then().statusCode(204);
        publisher().body(body(brand())).post("/api/v1/channels").then().statusCode(201);
    }

    @Test
    void theJsonReportIsPagedLikeEveryListAndTheCsvHasEveryRow() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < MAX_WATCHES; i++) {
            String brand = brand();
            mine.add(brand);
            create(brand);
        }
        JsonPath page1 = viewer().queryParam("size", 3).get("/api/v1/channels/report").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
        assertEquals(1, page1.getInt("page"));
        assertEquals(3, page1.getInt("pageSize"));
        assertEquals(MAX_WATCHES, page1.getInt("totalItems"));
        assertEquals(3, page1.getList("items").size());
        Map<String, Integer> counts = page1.getMap("counts");
        assertEquals(MAX_WATCHES, counts.values().stream().mapToInt(Integer::intValue).sum(), counts.toString());
        JsonPath page2 = viewer().queryParam("size", 3).queryParam("page", 2).get("/api/v1/channels/report").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(1, page2.getList("items").size());
        List<String> brandsInOrder = new ArrayList<>(page1.getList("items.brandId"));
        brandsInOrder.addAll(page2.getList("items.brandId"));
        assertEquals(mine.stream().sorted().toList(), brandsInOrder, "brand order, each watch once");
        viewer().get("/api/v1/channels/report").then().statusCode(200).body("pageSize", equalTo(50));
        viewer().queryParam("size", 101).get("/api/v1/channels/report").then().statusCode(400)
                .body("errors[0].path", equalTo("size"));
        viewer().queryParam("page", 0).get("/api/v1/channels/report").then().statusCode(400)
                .body("errors[0].path", equalTo("page"));

        String csv = viewer().queryParam("format", "csv").get("/api/v1/channels/report").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(1 + MAX_WATCHES, lines.size(), csv);
        for (String brand : mine) {
            assertEquals(1, lines.stream().filter(l -> l.contains("," + brand + ",")).count(), brand);
        }
    }

    private List<HttpResponse<String>> createAtOnce(List<Map<String, Object>> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        try {
            // the client's own work runs on its default executor: the pool's threads all wait in send()
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            String bearer = "Bearer " + TestTokens.token("platform-team", Roles.PUBLISHER);
            for (Map<String, Object> body : bodies) {
                String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/channels"))
                        .header("Authorization", bearer).header("Content-Type", "application/json")
                        .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        return client.send(request, HttpResponse.BodyHandlers.ofString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            start.countDown(); // every request is waiting: they go out together
            return answers.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    /** An hour passes for this watch: its last check and its queued check move an hour back. */
    private static void passTime(String id) {
        Db.execute("UPDATE channel_watches SET last_checked_at = last_checked_at - interval '1 hour', next_check_at = "
                + "next_check_at - interval '1 hour' WHERE id = '" + id + "'");
    }

    private static JsonPath awaitCheck(String id, String after) {
        return Waits.until("a check of " + id + " after " + after, () -> watch(id),
                w -> w.get("lastCheckedAt") != null && !w.getString("lastCheckedAt").equals(after));
    }

    private String brand() {
        String brand = "lim-" + UUID.randomUUID().toString().substring(0, 8);
        brands.add(brand);
        return brand;
    }

    private static Map<String, Object> body(String brand) {
        return new HashMap<>(Map.of("brandId", brand, "channelId", "chat_lim", "env", "c1", "domain",
                "niceincontact.com", "intervalSeconds", 604800));
    }

    private static String create(String brand) {
        return publisher().body(body(brand)).post("/api/v1/channels").then().statusCode(201).extract().path("id");
    }

    private static void setLook(String brand, Map<String, Object> look) {
        given().contentType(ContentType.JSON).body(look).put("/simulator/admin/channels/" + brand + "/chat_lim")
                .then().statusCode(200);
    }

    private static JsonPath watch(String id) {
        return viewer().get("/api/v1/channels/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification publisher() {
        return given().header("Authorization", "Bearer " + TestTokens.token("platform-team", Roles.PUBLISHER))
                .contentType(ContentType.JSON);
    }

    private static RequestSpecification viewer() {
        return given().header("Authorization", TestTokens.bearer(Roles.VIEWER));
    }
}
