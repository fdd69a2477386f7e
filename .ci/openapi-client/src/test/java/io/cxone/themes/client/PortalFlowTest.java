package io.cxone.themes.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cxone.themes.client.api.AuditApi;
import io.cxone.themes.client.api.PublicationsApi;
import io.cxone.themes.client.api.ThemesApi;
import io.cxone.themes.client.model.AuditEvent;
import io.cxone.themes.client.model.Button;
import io.cxone.themes.client.model.ButtonPosition;
import io.cxone.themes.client.model.DraftView;
import io.cxone.themes.client.model.ErrorCode;
import io.cxone.themes.client.model.FieldError;
import io.cxone.themes.client.model.Font;
import io.cxone.themes.client.model.Problem;
import io.cxone.themes.client.model.Publication;
import io.cxone.themes.client.model.PublishRequest;
import io.cxone.themes.client.model.State;
import io.cxone.themes.client.model.Theme;
import io.cxone.themes.client.model.ValidationReport;

/**
 * What a portal does with a client generated from our document, against the running service (its built-in
 * simulator as CXone): every call goes through the generated API classes and models, so a response schema missing from
 * the document (a {@code void} method), a wrong type or a wrong name fails here at compile or run time.
 * THEMES_BASE_URL and THEMES_TOKEN (a bearer token with every role) come from .ci/openapi-client.sh.
 */
class PortalFlowTest {

    private static ApiClient client;

    @BeforeAll
    static void client() {
        String base = System.getenv("THEMES_BASE_URL");
        String token = System.getenv("THEMES_TOKEN");
        assertNotNull(base, "THEMES_BASE_URL: run this through .ci/openapi-client.sh, which starts the service");
        assertNotNull(token, "THEMES_TOKEN: run this through .ci/openapi-client.sh, which mints one");
        client = new ApiClient();
        client.updateBaseUri(base);
        // the generator's native library has no bearer-auth setter: a portal adds the header like this
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }

    /** The brief's "Enterprise Dark Mode" theme, built from the generated models. */
    private static Theme enterpriseDarkMode(String name) {
        return new Theme().name(name).backgroundColor("#1A1A1A").primaryColor("#00E676")
                .font(new Font().family("Inter").sizePx(14).weight(500).color("#FFFFFF"))
                .buttons(List.of(
                        new Button().label("Start Chat").color("#00E676").textColor("#000000")
                                .position(ButtonPosition.CENTER),
                        new Button().label("Browse FAQ").color("#2C2C2C").textColor("#E0E0E0")
                                .position(ButtonPosition.LEFT)))
                .borderRadiusPx(8).maxWidthPx(360);
    }

    @Test
    void validateDraftPublishPollAndAudit() throws Exception {
        ThemesApi themes = new ThemesApi(client);
        PublicationsApi publications = new PublicationsApi(client);
        AuditApi audit = new AuditApi(client);

        ValidationReport report = themes.validateTheme(enterpriseDarkMode("Enterprise Dark Mode"), "AA");
        assertTrue(report.getValid(), () -> "the brief's theme is valid: " + report);
        assertFalse(report.getContrast().isEmpty(), "the report lists its contrast checks");

        ApiResponse<DraftView> created = themes.createDraftWithHttpInfo(
                enterpriseDarkMode("Portal client " + UUID.randomUUID()), UUID.randomUUID().toString());
        assertEquals(201, created.getStatusCode());
        DraftView draft = created.getData();
        assertEquals(1, draft.getVersion());
        assertEquals(List.of("/api/v1/themes/" + draft.getId()), pathsOf(created.getHeaders().get("location")));

        String widget = "portal-client-" + UUID.randomUUID();
        ApiResponse<Publication> accepted = publications.publishThemeWithHttpInfo(widget,
                new PublishRequest().themeId(draft.getId()).version(1).versionTag("portal-client-1"),
                UUID.randomUUID().toString());
        assertEquals(202, accepted.getStatusCode());
        Publication queued = accepted.getData();
        assertEquals(State.QUEUED, queued.getState());
        assertEquals(widget, queued.getWidgetId());
        List<String> location = pathsOf(accepted.getHeaders().get("location"));
        assertEquals(List.of("/api/v1/publications/" + queued.getId()), location);

        // the publication is followed through the id its Location names, as a portal polls it
        UUID id = UUID.fromString(location.get(0).substring(location.get(0).lastIndexOf('/') + 1));
        Publication active = await("publication " + id + " ACTIVE").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(250)).until(() -> publications.getPublication(id.toString()), p -> {
                    assertFalse(p.getState() == State.FAILED, () -> "the publication failed: " + p.getFailureReason());
                    return p.getState() == State.ACTIVE;
                });
        assertNotNull(active.getCxoneThemeId(), "an ACTIVE publication names its CXone theme");
        assertNotNull(active.getActivatedAt());

        List<AuditEvent> events = audit.listAuditEvents(null, null, null, 1, 100, draft.getId(), null, widget)
                .getItems();
        assertTrue(events.stream().anyMatch(e -> "publication.requested".equals(e.getAction())
                && id.toString().equals(e.getPublicationId())), () -> "the audit shows the publish request: " + events);
        await("the activation in the audit").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .until(() -> audit.listAuditEvents("publication.activated", null, null, 1, 100, null, null, widget)
                        .getItems(), page -> page.stream().anyMatch(e -> id.toString().equals(e.getPublicationId())));
    }

    @Test
    void aRefusedRequestIsATypedProblem() throws Exception {
        ThemesApi themes = new ThemesApi(client);
        Theme bad = enterpriseDarkMode("Portal client bad colour").backgroundColor("dark");

        ApiException refused = assertThrows(ApiException.class, () -> themes.createDraft(bad, null));
        assertEquals(400, refused.getCode());
        assertTrue(refused.getResponseHeaders().firstValue("content-type").orElse("")
                .startsWith("application/problem+json"), () -> "problem+json: " + refused.getResponseHeaders());
        Problem problem = client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertEquals(400, problem.getStatus());
        assertEquals("urn:cxone-theme-service:problem:400", problem.getType());
        assertNotNull(problem.getDetail());
        FieldError colour = problem.getErrors().stream().filter(e -> "backgroundColor".equals(e.getPath()))
                .findFirst().orElseThrow(() -> new AssertionError("no error names backgroundColor: " + problem));
        assertEquals(ErrorCode.COLOR, colour.getCode());

        PublicationsApi publications = new PublicationsApi(client);
        ApiException unknown = assertThrows(ApiException.class,
                () -> publications.getPublication(UUID.randomUUID().toString()));
        assertEquals(404, unknown.getCode());
        Problem notFound = client.getObjectMapper().readValue(unknown.getResponseBody(), Problem.class);
        assertEquals(404, notFound.getStatus());
        assertNotNull(notFound.getDetail());
    }

    /** a Location's path: the service may answer it relative or absolute against the host asked */
    private static List<String> pathsOf(List<String> locations) {
        assertNotNull(locations, "a Location header");
        return locations.stream().map(l -> java.net.URI.create(l).getPath()).toList();
    }
}
