package io.cxone.themes.livechannel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxone.themes.security.Roles;
import io.cxone.themes.support.Db;
import io.cxone.themes.support.JwtTestKeys;
import io.cxone.themes.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The import's address check end to end: {@code POST /api/v1/themes/import} with the production-shaped template
 * {@code http://channels-de-{env}.{domain}:port} ({@link LoopbackChannelHosts}), where the caller's env and domain
 * decide the host. Names resolve through {@link MappedHostResolver} (no DNS traffic): one that resolves to loopback,
 * private, link-local/metadata, CGNAT, ULA or IPv4-mapped loopback is refused before any connection; an allowed one is
 * resolved once and connected to at exactly the checked address, with the name in the Host header; domains outside
 * CXone's are refused by default; upstream failures all read the same, with no address and no upstream body.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@WithTestResource(LoopbackChannelHosts.class)
@TestProfile(ChannelSsrfTest.MappedNames.class)
class ChannelSsrfTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static class MappedNames implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(MappedHostResolver.class);
        }
    }

    @Inject
    MappedHostResolver resolver;

    private static String host(String address) {
        String template = ConfigProvider.getConfig().getValue("cxone.channel-base-url", String.class);
        return "http://" + address + ":" + template.substring(template.lastIndexOf(':') + 1);
    }

    /** The Host headers the channel host at {@code address} received. */
    private static List<String> seenBy(String address) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(host(address) + "/_requests")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.isEmpty() ? List.of() : List.of(body.split("\n"));
    }

    private static ExtractableResponse<Response> importChannel(String brand, String env, String domain) {
        return given().header("Authorization", TestTokens.bearer(Roles.EDITOR)).header("X-Request-Id", "ssrf-test-1")
                .contentType(ContentType.JSON)
                .body(Map.of("brandId", brand, "channelId", "chat_1", "env", env, "domain", domain))
                .post("/api/v1/themes/import").then().extract();
    }

    @BeforeEach
    void reset() throws Exception {
        for (String address : List.of("127.0.0.1", "127.0.0.2")) {
            HTTP.send(HttpRequest.newBuilder(URI.create(host(address) + "/_reset")).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        resolver.clear();
    }

    @Test
    void namesThatResolveToNonPublicAddressesAreRefusedBeforeAnyConnection() throws Exception {
        for (String env : List.of("loop", "meta", "private", "cgnat", "v6loop", "mapped", "ula", "mixed")) {
            ExtractableResponse<Response> response = importChannel("4711", env, "niceincontact.com");
            assertEquals(400, response.statusCode(), env);
            assertEquals("application/problem+json", response.contentType(), env);
            assertEquals("domain", response.path("errors[0].path"), env);
            assertEquals("not_allowed", response.path("errors[0].code"), env);
            String answer = response.asString();
            for (String address : MappedHostResolver.NAMES.get("channels-de-" + env + ".niceincontact.com")) {
                assertFalse(answer.contains(address), "the answer names no address: " + answer);
            }
            assertEquals(1, resolver.lookups("channels-de-" + env + ".niceincontact.com"), env);
        }
        assertEquals(List.of(), seenBy("127.0.0.1"), "nothing reached the loopback host");
        assertEquals(List.of(), seenBy("127.0.0.2"), "a name with one bad address among good ones is refused whole");
    }

    @Test
    void anAllowedNameIsResolvedOnceAndConnectedToAtTheCheckedAddress() throws Exception {
        ExtractableResponse<Response> response = importChannel("4711", "pinned", "niceincontact.com");
        assertEquals(201, response.statusCode(), response.asString());
        // the JVM's own resolver does not know this name: only the pinned address can have been connected to
        assertEquals(1, resolver.lookups("channels-de-pinned.niceincontact.com"));
        String port = host("x").substring(host("x").lastIndexOf(':') + 1);
        assertEquals(List.of("channels-de-pinned.niceincontact.com:" + port), seenBy("127.0.0.2"));
        assertEquals(List.of(), seenBy("127.0.0.1"));
    }

    @Test
    void outsideTheSimulatorOnlyCxoneDomainsAreAllowedByDefault() throws Exception {
        for (String domain : List.of("example.com", "evilniceincontact.com", "niceincontact.com.evil.test")) {
            importChannel("4711", "pinned", domain).response().then().statusCode(400)
                    .body("errors[0].path", equalTo("domain")).body("errors[0].code", equalTo("not_allowed"));
            assertEquals(0, resolver.lookups("channels-de-pinned." + domain), "refused before any lookup: " + domain);
        }
        assertEquals(List.of(), seenBy("127.0.0.2"));
    }

    @Test
    void aNameThatDoesNotResolveIsChannelNotFound() {
        ExtractableResponse<Response> response = importChannel("4711", "nowhere", "niceincontact.com");
        assertEquals(404, response.statusCode());
        assertFalse(response.asString().contains("channels-de-nowhere"), response.asString());
    }

    @Test
    void everyUpstreamFailureReadsTheSameWithoutAddressOrUpstreamBody() throws Exception {
        // a host that answers 500 with internal details, and a closed port: indistinguishable for the caller
        ExtractableResponse<Response> erroring = importChannel("down", "pinned", "niceincontact.com");
        ExtractableResponse<Response> closed = importChannel("4711", "closed", "niceincontact.com");
        for (ExtractableResponse<Response> response : List.of(erroring, closed)) {
            assertEquals(502, response.statusCode(), response.asString());
            assertEquals("application/problem+json", response.contentType());
            String answer = response.asString();
            for (String leak : List.of("127.0.0", "hunter2", "db-7", "500", "Connection refused", "channels-de-",
                    "Exception")) {
                assertFalse(answer.contains(leak), leak + " leaked: " + answer);
            }
            assertTrue(response.<String>path("detail").contains("ssrf-test-1"), answer);
        }
        assertEquals(erroring.<String>path("detail"), closed.<String>path("detail"));
        assertEquals(erroring.<String>path("title"), closed.<String>path("title"));
        assertEquals(3, seenBy("127.0.0.2").size(), "the 500 was retried twice, as before");
    }

    /**
     * A watch is refused at creation by the same rule (400 {@code not_allowed} naming {@code domain}),
     * not created and left to fail at every check; nothing is stored and nothing is connected to. On the unfixed
     * service such a watch was 201 and then "unreachable", with a WARN a minute.
     */
    @Test
    void watchCreationRunsTheImportsAddressCheck() throws Exception {
        for (String env : List.of("loop", "meta", "mapped")) {
            ExtractableResponse<Response> response = given().header("Authorization", TestTokens.bearer(Roles.PUBLISHER))
                    .contentType(ContentType.JSON).body(Map.of("brandId", "ssrf-watch", "channelId", "chat_1", "env",
                            env, "domain", "niceincontact.com"))
                    .post("/api/v1/channels").then().extract();
            assertEquals(400, response.statusCode(), env + ": " + response.asString());
            assertEquals("application/problem+json", response.contentType(), env);
            assertEquals("domain", response.path("errors[0].path"), env);
            assertEquals("not_allowed", response.path("errors[0].code"), env);
            assertEquals(1, resolver.lookups("channels-de-" + env + ".niceincontact.com"), env);
        }
        assertEquals(0, Db.count("SELECT count(*) FROM channel_watches WHERE brand_id = 'ssrf-watch'"), "nothing stored");
        assertEquals(List.of(), seenBy("127.0.0.1"), "nothing connected to");
    }
}
