package io.cxone.themes.livechannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.cxone.CxoneException;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.Waits;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The channel client against a misbehaving host ({@link ChannelStub}, set as CXONE_CHANNEL_BASE_URL): retries on 5xx
 * and 429 (after Retry-After), never on 4xx, redirects not followed, bodies bounded (silence: {@link SilentChannelHostTest}).
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@WithTestResource(ChannelStub.class)
class ChannelClientFailuresTest {
    static final Duration WAIT = Waits.PATIENCE;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ChannelClient client;

    static String stub() {
        String template = ConfigProvider.getConfig().getValue("cxone.channel-base-url", String.class);
        return template.replace("/{env}/{domain}", "");
    }

    /** The requests the stub saw for a brand. */
    static List<JsonNode> requests(String brand) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stub() + "/_requests")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> seen = new ArrayList<>();
        JSON.readTree(response.body()).forEach(r -> {
            if (r.get("brand").asText().equals(brand)) {
                seen.add(r);
            }
        });
        return seen;
    }

    static ChannelRequest brand(String brand) {
        return new ChannelRequest(brand, "chat_1", "c1", "niceincontact.com");
    }

    @BeforeEach
    void reset() throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(stub() + "/_reset")).build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void theConfiguredChannelBaseUrlIsUsedWithItsPlaceholdersFilled() throws Exception {
        assertEquals(stub() + "/c1/niceincontact.com/chat/1.0/brand/ok/channel/chat_1?locale=en_US",
                client.url(brand("ok")).toString());
        assertEquals("right", client.fetch(brand("ok")).await().atMost(WAIT).at("/widget/position").asText());
        JsonNode seen = requests("ok").get(0);
        assertEquals("/c1/niceincontact.com/chat/1.0/brand/ok/channel/chat_1", seen.get("path").asText());
        assertEquals("locale=en_US", seen.get("query").asText());
        assertEquals("application/json", seen.get("accept").asText());
        assertFalse(seen.get("authorization").asBoolean(), "the public endpoint gets no credentials");
    }

    @Test
    void onlyAllowedDomainsAndTheirSubdomainsAreCalled() throws Exception {
        for (String domain : List.of("niceincontact.com", "eu.niceincontact.com", "cxone.test", "a.b.cxone.test")) {
            client.url(new ChannelRequest("ok", "chat_1", "c1", domain));
        }
        for (String domain : List.of("evil.test", "evilniceincontact.com", "niceincontact.com.evil.test", "cxone.test.evil.test")) {
            ApiException e = assertThrows(ApiException.class,
                    () -> client.fetch(new ChannelRequest("denied", "chat_1", "c1", domain)).await().atMost(WAIT), domain);
            assertEquals(400, e.status());
            assertEquals("domain", e.problem().errors().get(0).path());
            assertEquals(ErrorCode.NOT_ALLOWED, e.problem().errors().get(0).code());
        }
        assertEquals(0, requests("denied").size());
    }

    @Test
    void serverErrorsAreRetried() throws Exception {
        assertEquals("#1F3A93", client.fetch(brand("flaky")).await().atMost(WAIT).at("/colors/themeColor").asText());
        assertEquals(3, requests("flaky").size(), "two 503s, then the answer");
    }

    @Test
    void aHostThatKeepsFailingEndsTransientAfterTheRetries() throws Exception {
        CxoneException.Transient e = assertThrows(CxoneException.Transient.class,
                () -> client.fetch(brand("down")).await().atMost(WAIT));
        assertEquals(500, e.code());
        assertTrue(e.getMessage().contains("answered 500"), e.getMessage());
        assertEquals(3, requests("down").size(), "one attempt and two retries");
    }

    @Test
    void throttlingIsRetriedNoEarlierThanRetryAfter() throws Exception {
        client.fetch(brand("throttled")).await().atMost(WAIT);
        List<JsonNode> seen = requests("throttled");
        assertEquals(2, seen.size());
        long gap = seen.get(1).get("at").asLong() - seen.get(0).get("at").asLong();
        assertTrue(gap >= 950, "retried after " + gap + " ms, Retry-After was 1 s");
    }

    @Test
    void clientErrorsAreNotRetried() throws Exception {
        CxoneException.Rejected e = assertThrows(CxoneException.Rejected.class,
                () -> client.fetch(brand("bad")).await().atMost(WAIT));
        assertEquals(400, e.code());
        assertEquals(1, requests("bad").size());

        ApiException gone = assertThrows(ApiException.class, () -> client.fetch(brand("gone")).await().atMost(WAIT));
        assertEquals(404, gone.status());
        assertEquals(1, requests("gone").size());
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        CxoneException.Rejected e = assertThrows(CxoneException.Rejected.class,
                () -> client.fetch(brand("redirect")).await().atMost(WAIT));
        assertEquals(302, e.code());
        assertTrue(e.getMessage().contains("redirects are not followed"), e.getMessage());
        assertEquals(1, requests("redirect").size());
    }

    @Test
    void anAnswerThatIsNotAJsonObjectIsRejected() throws Exception {
        for (String brand : List.of("html", "array")) {
            CxoneException.Rejected e = assertThrows(CxoneException.Rejected.class,
                    () -> client.fetch(brand(brand)).await().atMost(WAIT), brand);
            assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
            assertEquals(1, requests(brand).size(), brand);
        }
    }

    @Test
    void oversizedAnswersAreCutOff() throws Exception {
        for (String brand : List.of("huge", "declared")) {
            CxoneException.Rejected e = assertThrows(CxoneException.Rejected.class,
                    () -> client.fetch(brand(brand)).await().atMost(WAIT), brand);
            assertTrue(e.getMessage().contains("more than 4096 bytes"), e.getMessage());
        }
        // and the client still works afterwards
        assertEquals("right", client.fetch(brand("ok")).await().atMost(WAIT).at("/widget/position").asText());
    }

}
