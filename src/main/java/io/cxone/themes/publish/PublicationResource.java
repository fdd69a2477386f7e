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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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
// approvers read what they are asked to approve
@RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER, Roles.APPROVER })
public class PublicationResource {
    static final int MAX_PAGE_SIZE = 100;
    static final String LOCATION = "The publication's URL (GET it, or follow its /events, until ACTIVE, FAILED, "
            + "REJECTED or EXPIRED)";
    static final String E400 = "The body or a parameter is invalid: errors[] names each field with its code "
            + "(type, format, enum, required, unknown_field, json, not_found, deleted, state); fix them and resend";
    static final String E409 = "The same version with the same versionTag is queued, under way or ACTIVE on the widget "
            + "already (errors[].code duplicate, path versionTag; the detail names the publication), or the first "
            + "request with this Idempotency-Key is still running (idempotency_in_progress: retry after Retry-After)";
    static final String E422 = "The Idempotency-Key was used with another request (idempotency_key_reused): use a new key";
    static final String E503 = "The database is not reachable right now: retry after Retry-After";
    static final String E429 = "The caller (APP_SSE_MAX_PER_SUBJECT) or this instance (APP_SSE_MAX) has no event stream "
            + "left: retry after Retry-After";
    static final String PUBLISH_EXAMPLE = "{\"themeId\": \"3f1c2a9e-7b4d-4c1e-9a8f-2d6b5e0c7a11\", \"version\": 3, "
            + "\"versionTag\": \"enterprise-dark-mode-3\", \"onConflict\": \"fail\"}";

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
    @Operation(operationId = "publishTheme", summary = "Publish a theme version to a widget",
            description = "Queues the publication of a draft's version (the current one when version is left out) to "
                    + "the widget and answers 202 with the publication and its Location: QUEUED, or, as the widget's "
                    + "policy asks (getWidgetPolicy), PENDING_APPROVAL (until other people approve it: "
                    + "approvePublication) or SCHEDULED (until runAt: its next window, or notBefore); a job then "
                    + "submits it to CXone and tracks it until ACTIVE or FAILED: poll GET /api/v1/publications/{id} or "
                    + "follow its events. Role: publisher. 400 names the offending field (an unknown theme or version "
                    + "is not_found, a deleted theme deleted); 409 when the same version with the same versionTag is "
                    + "queued, under way or ACTIVE on the widget already (choose another versionTag, or send "
                    + "onConflict=suffix to have -2, -3 … appended). Send an Idempotency-Key to retry safely.")
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER, description = Idempotency.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING))
    @RequestBody(required = true, description = "Read by a strict JSON reader: a JSON object with exactly these "
            + "fields (another field is unknown_field); themeId required, version (a whole number, 1 or more), "
            + "versionTag and onConflict optional",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublishRequest.class),
                    examples = @ExampleObject(name = "enterpriseDarkMode", summary = "Publish version 3 of the "
                            + "Enterprise Dark Mode theme", value = PUBLISH_EXAMPLE)))
    @APIResponse(responseCode = "202", description = "Accepted: the publication, state QUEUED (or PENDING_APPROVAL or "
            + "SCHEDULED, as the widget's policy asks)",
            headers = @Header(name = "Location", description = LOCATION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Publication.class)))
    @APIResponse(responseCode = "400", description = E400)
    @APIResponse(responseCode = "409", description = E409)
    @APIResponse(responseCode = "422", description = E422)
    @APIResponse(responseCode = "503", description = E503)
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
    @Operation(operationId = "rollbackWidget", summary = "Roll a widget back to an earlier ACTIVE publication",
            description = "Republishes the theme version that an earlier ACTIVE publication of this widget used: 202 "
                    + "with a new publication (state QUEUED) and its Location, followed like publishTheme's. Role: "
                    + "publisher. 400 when toPublicationId is missing or not a UUID, names no publication of this "
                    + "widget (not_found) or one that was never ACTIVE (state): choose one from listWidgetPublications. "
                    + "Send an Idempotency-Key to retry safely.")
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER, description = Idempotency.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING))
    @RequestBody(required = true, description = "Read by a strict JSON reader: a JSON object with exactly the field "
            + "toPublicationId and optionally notBefore (an ISO-8601 instant)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RollbackRequest.class),
                    examples = @ExampleObject(name = "rollback", value = "{\"toPublicationId\": "
                            + "\"9b2e4f60-1c3d-4a5b-8e7f-0a1b2c3d4e5f\"}")))
    @APIResponse(responseCode = "202", description = "Accepted: the new publication, state QUEUED (or "
            + "PENDING_APPROVAL or SCHEDULED, as the widget's policy asks)",
            headers = @Header(name = "Location", description = LOCATION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Publication.class)))
    @APIResponse(responseCode = "400", description = E400)
    @APIResponse(responseCode = "409", description = E409)
    @APIResponse(responseCode = "422", description = E422)
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Response> rollback(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId,
            String body) throws JsonProcessingException {
        JsonNode json = parse(body);
        PublishRequest.object(json, java.util.Set.of("toPublicationId", "notBefore"));
        UUID to = PublishRequest.uuid(json, "toPublicationId", "the id of an ACTIVE publication of this widget");
        java.time.Instant notBefore = PublishRequest.notBefore(json);
        Once<Publication> once = idempotency.once(body, PublicationResource::accepted);
        return once.run(() -> service.rollback(widgetId, to, notBefore, caller.get(), once));
    }

    @GET
    @Path("widgets/{widgetId}/publications")
    @Operation(operationId = "listWidgetPublications", summary = "List a widget's publications, newest first",
            description = "One page of the widget's publications, newest first (page from 1, size 1 to 100, default "
                    + "20); an unknown widget has none. Roles: viewer, editor or publisher. 400 for a malformed widget "
                    + "id (format) or page/size out of range (range).")
    @APIResponse(responseCode = "200", description = "One page of the widget's publications, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublicationPage.class)))
    @APIResponse(responseCode = "400", description = E400)
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Page<Publication>> history(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId,
            @Parameter(description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        return service.history(widgetId, PageRequest.parse(page, size, 20, MAX_PAGE_SIZE));
    }

    @GET
    @Path("publications/{id}")
    @Operation(operationId = "getPublication", summary = "Get a publication",
            description = "A publication: state, CXone theme id, version tag, attempts, polls, timings, failure reason. "
                    + "Poll it after publishTheme or rollbackWidget until ACTIVE or FAILED (or follow "
                    + "streamPublicationEvents). Roles: viewer, editor or publisher. 400 when the id is not a UUID, "
                    + "404 when it names no publication.")
    @APIResponse(responseCode = "200", description = "The publication",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Publication.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID (format)")
    @APIResponse(responseCode = "404", description = "No publication has this id")
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Publication> get(@PathParam("id") String id) {
        return service.get(uuid(id));
    }

    @GET
    @Path("publications/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @NonBlocking
    @Operation(operationId = "streamPublicationEvents", summary = "Follow a publication's state as server-sent events",
            description = "A text/event-stream of unnamed events (no event: line, so the default type 'message'): "
                    + "each data: is one Publication as JSON, first the current state, then each state change; the "
                    + "stream ends after a terminal state (ACTIVE, FAILED, REJECTED or EXPIRED). A ':heartbeat' comment keeps the connection open. A client "
                    + "generator will not give you a typed stream: read it with an SSE client (EventSource, or "
                    + "java.net.http with a line reader) and parse each data: as a Publication. Roles: viewer, editor "
                    + "or publisher. 404 for an unknown publication; 429 when no stream is left (retry after Retry-After).")
    @APIResponse(responseCode = "200", description = "Unnamed events, each data: one Publication (JSON): the current "
            + "state, then each later one, ending at ACTIVE, FAILED, REJECTED or EXPIRED", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            schema = @Schema(implementation = Publication.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID (format)")
    @APIResponse(responseCode = "404", description = "No publication has this id")
    @APIResponse(responseCode = "429", description = E429,
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.STRING)))
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

    /** The document's name for one page of a widget's publications, newest first: {@link Page} of {@link Publication} (a generic has no schema name). */
    @Schema(name = "PublicationPage", description = "One page of a widget's publications, newest first: {items, page, pageSize, totalItems}")
    record PublicationPage(java.util.List<Publication> items, int page, int pageSize, long totalItems) {
    }

    /** The document's name for rollbackWidget's body (read field by field, as PublishRequest is). */
    @Schema(name = "RollbackRequest", description = "A rollback: the earlier ACTIVE publication of this widget to publish again")
    record RollbackRequest(@Schema(required = true, type = SchemaType.STRING, format = "uuid",
            description = "The id of an earlier ACTIVE publication of this widget") String toPublicationId,
            @Schema(type = SchemaType.STRING, format = "date-time", description = "Not before this instant (ISO-8601); "
                    + "in the past means now") String notBefore) {
    }
}
