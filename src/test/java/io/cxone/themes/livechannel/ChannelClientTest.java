package io.cxone.themes.livechannel;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.accessibility.ContrastCheck;
import io.cxone.themes.accessibility.Level;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Sim;
import io.cxone.themes.support.Waits;
import io.cxone.themes.theme.ThemeValidator;
import io.cxone.themes.theme.ValidationReport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The channel client against the built-in simulator over real HTTP, and the request rules that keep URLs safe. */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class ChannelClientTest {
    private static final Duration WAIT = Waits.PATIENCE;
    private static final String ROUTE = "GET /channels/{env}/{domain}/chat/1.0/brand/{brandId}/channel/{channelId}";
    private static final ChannelRequest CHANNEL = new ChannelRequest("4711", "chat_abc", "c1", "niceincontact.com");

    @Inject
    ChannelClient client;

    @Inject
    ThemeValidator validator;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    private static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    @Test
    void withTheSimulatorOnTheUrlIsItsChannelRoute() {
        URI url = client.url(CHANNEL);
        assertEquals("http://localhost:" + port()
                + "/simulator/channels/c1/niceincontact.com/chat/1.0/brand/4711/channel/chat_abc?locale=en_US", url.toString());
    }

    @Test
    void readsTheDefaultAppearanceAsTheSimulatorServesIt() throws Exception {
        String served = given().queryParam("locale", "en_US")
                .get("/simulator/channels/c1/niceincontact.com/chat/1.0/brand/4711/channel/chat_abc")
                .then().statusCode(200).extract().asString();
        ObjectNode appearance = client.fetch(CHANNEL).await().atMost(WAIT);
        assertEquals(json.readTree(served), appearance);
        assertTrue(appearance.path("colors").path("widgetBgColor").isTextual());

        ChannelMapping.Result mapped = ChannelMapping.map(CHANNEL, appearance);
        ValidationReport report = validator.validate(mapped.theme(), Level.AA);
        assertTrue(report.valid(), () -> "every simulator preset imports cleanly: " + report);
        assertEquals(2, Sim.count(ROUTE, "200"));
    }

    @Test
    void readsAnOverriddenAppearanceAndItsContrastFailuresSurvive() {
        Map<String, Object> appearance = Map.of(
                "colors", Map.of("buttonColor", "#FFFFFF", "headerBgColor", "#FFFFFF", "headerFontColor", "#FAFAFA",
                        "themeColor", "#EEEEEE", "textColor", "#F0F0F0", "widgetBgColor", "#fff", "widgetFontColor", "#FEFEFE"),
                "widget", Map.of("appearance", "bar", "position", "left"), "customCss", ".x{color:red}");
        given().contentType(ContentType.JSON).body(appearance).put("/simulator/admin/channels/4711/chat_abc")
                .then().statusCode(200);

        ObjectNode fetched = client.fetch(CHANNEL).await().atMost(WAIT);
        assertEquals("#fff", fetched.at("/colors/widgetBgColor").asText());
        ChannelMapping.Result mapped = ChannelMapping.map(CHANNEL, fetched);
        assertEquals("#FFFFFF", mapped.theme().get("backgroundColor").asText());
        assertEquals("left", mapped.theme().at("/buttons/0/position").asText());
        ValidationReport report = validator.validate(mapped.theme(), Level.AA);
        assertFalse(report.valid());
        assertTrue(report.contrast().stream().anyMatch(c -> !c.passes() && c.criterion().equals("1.4.3")
                && c.pair().equals("font.color/backgroundColor") && c.severity() == ContrastCheck.Severity.error));
        assertFalse(mapped.theme().toString().contains("color:red"), "customCss is never imported");
    }

    @Test
    void aMissingChannelIsA404ProblemThatSaysWhatToCheck() {
        given().contentType(ContentType.JSON).body(Map.of("notFound", true)).put("/simulator/admin/channels/4711/chat_abc")
                .then().statusCode(200);
        ApiException e = assertThrows(ApiException.class, () -> client.fetch(CHANNEL).await().atMost(WAIT));
        assertEquals(404, e.status());
        assertEquals("Channel Not Found", e.problem().title());
        String detail = e.problem().detail();
        for (String word : List.of("chat_abc", "4711", "brandId", "channelId", "env", "domain")) {
            assertTrue(detail.contains(word), detail);
        }
        assertEquals(1, Sim.count(ROUTE, "404"), "a 404 is final: never retried");
    }

    @Test
    void hostileValuesAreRejectedBeforeAnyRequestIsMade() {
        List<ChannelRequest> hostile = new ArrayList<>();
        for (String id : List.of("../admin", "4711/../../x", "a b", "", "x".repeat(65), "%2e%2e", "4711?x=1", "4711#x",
                "a\u0000b", "ünï", "4711;rm")) {
            hostile.add(new ChannelRequest(id, "chat_abc", "c1", "niceincontact.com"));
            hostile.add(new ChannelRequest("4711", id, "c1", "niceincontact.com"));
        }
        for (String env : List.of("c1.evil.test", "c1/x", "-c1", "c1-", "c1:80", "c_1", "e".repeat(33), "", "c1@x")) {
            hostile.add(new ChannelRequest("4711", "chat_abc", env, "niceincontact.com"));
        }
        for (String domain : List.of("evil.test/x", "user@evil.test", "evil.test:8080", "localhost", "evil.test.",
                ".evil.test", "evil..test", "evil.test?x", "evil.test#", "evil_test.com", "ünïcode.test", "[::1]",
                "-evil.test", "evil-.test", "a." + "b".repeat(64) + ".test", ("a".repeat(60) + ".").repeat(5) + "test",
                "evil.test\\x", "evil.test%2f", "")) {
            hostile.add(new ChannelRequest("4711", "chat_abc", "c1", domain));
        }
        hostile.add(new ChannelRequest(null, null, null, null));
        for (ChannelRequest request : hostile) {
            ApiException e = assertThrows(ApiException.class, () -> client.fetch(request).await().atMost(WAIT),
                    request::toString);
            assertEquals(400, e.status(), request.toString());
            assertNotNull(e.problem().errors(), request.toString());
            assertFalse(e.problem().errors().isEmpty(), request.toString());
            assertThrows(ApiException.class, () -> client.url(request), request::toString);
        }
        ApiException all = assertThrows(ApiException.class,
                () -> client.fetch(new ChannelRequest(null, "../x", "C 1", "a/b")).await().atMost(WAIT));
        assertEquals(Set.of("brandId:required", "channelId:format", "env:format", "domain:format"),
                all.problem().errors().stream().map(f -> f.path() + ":" + f.code()).collect(Collectors.toSet()));
        Map<?, ?> requests = (Map<?, ?>) Sim.stats().get("requests");
        assertFalse(requests.containsKey(ROUTE), "nothing reached the channel endpoint: " + requests);
    }

    @Test
    void envAndDomainAreCaseInsensitiveAndTrimmed() {
        ChannelRequest request = new ChannelRequest(" 4711 ", "chat_abc", " C1 ", "NiceInContact.COM ");
        assertEquals(CHANNEL, request);
        assertEquals(client.url(CHANNEL), client.url(request));
    }

    @Test
    void validRealWorldShapesPass() {
        for (ChannelRequest ok : List.of(new ChannelRequest("4711", "chat_3b1d8f1e-9a2c-4b7e-8f00-0a1b2c3d4e5f", "c1", "niceincontact.com"),
                new ChannelRequest("1", "x", "na1", "nice-incontact.com"), new ChannelRequest("12", "y", "eu-2", "cxone.eu"),
                new ChannelRequest("b".repeat(64), "C_-9", "e".repeat(32), "a.b.c.example.test"))) {
            URI url = client.url(ok);
            assertTrue(url.getPath().endsWith("/chat/1.0/brand/" + ok.brandId() + "/channel/" + ok.channelId()), url.toString());
        }
    }

    @Test
    void aFieldErrorNamesTheFieldByItsJsonName() {
        ApiException e = assertThrows(ApiException.class, () -> client.url(new ChannelRequest("4711", "chat", "c1", "x")));
        FieldError error = e.problem().errors().get(0);
        assertEquals("domain", error.path());
        assertEquals(ErrorCode.FORMAT, error.code());
        assertTrue(error.message().contains("DNS name"), error.message());
        assertTrue(e.problem().detail().contains("domain"), e.problem().detail());
    }

    @Test
    void appearancesAreReadWithoutAnyCredentials() {
        JsonNode stats = json.valueToTree(Sim.stats());
        long tokensBefore = stats.path("tokensIssued").asLong();
        client.fetch(CHANNEL).await().atMost(WAIT);
        assertEquals(tokensBefore, json.valueToTree(Sim.stats()).path("tokensIssued").asLong(), "no token was fetched");
    }
}
