package io.cxone.themes.publish;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.audit.CurrentCaller;
import io.cxone.themes.cxone.WidgetIds;
import io.cxone.themes.idempotency.Idempotency;
import io.cxone.themes.idempotency.Once;
import io.cxone.themes.web.KnownId;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.cxone.themes.web.Params;
import io.cxone.themes.security.Roles;
import io.cxone.themes.streams.EventStreams;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/** Publishing a theme version to a widget, following the job, the widget's history, and rollback. */
@Path("/api/v1")
@Tag(name = "publications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
public class PublicationResource {
    static final int MAX_PAGE_SIZE = 100;

    private final PublicationService service;
    private final PublicationEvents events;
    private final CurrentCaller caller;
    private final ObjectMapper mapper;
    private final Idempotency idempotency;
    private final EventStreams streams;

    public PublicationResource(PublicationService service, PublicationEvents events, CurrentCaller caller,
            ObjectMapper mapper, Idempotency idempotency, EventStreams streams) {
        this.idempotency = idempotency;
        this.service = service;
        this.events = events;
        this.caller = caller;
        this.mapper = mapper;
        this.streams = streams;
    }

    @POST
    @Path("widgets/{widgetId}/publications")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(summary = "Publish a theme version to the widget: 202, then a job submits it and tracks activation; 409 "
            + "when the same version with the same versionTag is queued, under way or ACTIVE on the widget already")
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER, description = Idempotency.DESCRIPTION)
    public Uni<Response> publish(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId,
            String body) throws JsonProcessingException {
        PublishRequest request = PublishRequest.read(parse(body));
        Once<Publication> once = idempotency.once(body, PublicationResource::accepted);
        return once.run(() -> service.request(widgetId, request, caller.get(), once));
    }

    @POST
    @Path("widgets/{widgetId}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(summary = "Republish the version an earlier ACTIVE publication of this widget used (202, a new publication)")
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER, description = Idempotency.DESCRIPTION)
    public Uni<Response> rollback(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId,
            String body) throws JsonProcessingException {
        JsonNode json = parse(body);
        PublishRequest.object(json, java.util.Set.of("toPublicationId"));
        UUID to = PublishRequest.uuid(json, "toPublicationId", "the id of an ACTIVE publication of this widget");
        Once<Publication> once = idempotency.once(body, PublicationResource::accepted);
        return once.run(() -> service.rollback(widgetId, to, caller.get(), once));
    }

    @GET
    @Path("widgets/{widgetId}/publications")
    @Operation(summary = "The widget's publications, newest first (page from 1, size up to 100)")
    public Uni<Page<Publication>> history(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return service.history(widgetId, PageRequest.parse(page, size, 20, MAX_PAGE_SIZE));
    }

    @GET
    @Path("publications/{id}")
    @Operation(summary = "A publication: state, CXone theme id, version tag, attempts, polls, timings, failure reason")
    public Uni<Publication> get(@PathParam("id") String id) {
        return service.get(uuid(id));
    }

    @GET
    @Path("publications/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @NonBlocking
    @Operation(summary = "Server-sent events: the current state, then each state change; ends at ACTIVE or FAILED")
    @APIResponse(responseCode = "200", description = "the current state, then each later one", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            schema = @Schema(implementation = Publication.class)))
    @APIResponse(responseCode = "429", description = "The caller (APP_SSE_MAX_PER_SUBJECT) or this instance (APP_SSE_MAX) "
            + "has no event stream left; retry after Retry-After")
    @KnownId(PublicationService.class)
    public void events(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
        streams.open(sink, sse, events.stream(uuid(id)));
    }

    private static Response accepted(Publication p) {
        return Response.accepted(p).location(URI.create("/api/v1/publications/" + p.request().id())).build();
    }

    private JsonNode parse(String body) throws JsonProcessingException {
        return mapper.readTree(body == null ? "" : body);
    }

    private static UUID uuid(String id) {
        return Params.uuid("id", id, "a publication id (a UUID)");
    }
}
