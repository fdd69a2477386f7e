package io.cxone.themes.rollout;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.audit.CurrentCaller;
import io.cxone.themes.cxone.WidgetIds;
import io.cxone.themes.idempotency.Idempotency;
import io.cxone.themes.idempotency.Once;
import io.cxone.themes.security.Roles;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.cxone.themes.web.KnownId;
import io.cxone.themes.web.Params;
import io.cxone.themes.streams.EventStreams;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.jboss.resteasy.reactive.RestStreamElementType;
import io.smallrye.mutiny.Uni;

/** Canary rollouts of a theme version to a widget: start, follow, pause, resume, promote, abort. */
@Path("/api/v1")
@Tag(name = "rollouts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
public class RolloutResource {
    static final int MAX_PAGE_SIZE = 100;
    static final String E400_ID = "The id is not a UUID (format)";
    static final String E404 = "No rollout has this id";
    static final String E409_COMMAND = "The rollout's state does not take this command (the detail says which do), or "
            + "it is over";
    static final String E502 = "CXone refused or failed the call after our retries (the detail says which)";
    static final String E503 = "CXone is throttling or paused, or the database is not reachable: retry after Retry-After";
    static final String EXAMPLE = "{\"themeId\": \"3f1c2a9e-7b4d-4c1e-9a8f-2d6b5e0c7a11\", \"stages\": [5, 25, 100], "
            + "\"holdSeconds\": 900, \"gates\": {\"themeLoadP95\": 1.2, \"renderP95\": 1.2, \"firstPaintP95\": 1.2, "
            + "\"minSamples\": 200, \"liveChannelPassing\": false}}";

    private final RolloutService service;
    private final RolloutEvents events;
    private final EventStreams streams;
    private final CurrentCaller caller;
    private final ObjectMapper mapper;
    private final Idempotency idempotency;

    RolloutResource(RolloutService service, RolloutEvents events, EventStreams streams, CurrentCaller caller,
            ObjectMapper mapper, Idempotency idempotency) {
        this.service = service;
        this.events = events;
        this.streams = streams;
        this.caller = caller;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    @POST
    @Path("widgets/{widgetId}/rollouts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(operationId = "startRollout", summary = "Start a canary rollout of a theme version to a widget",
            description = "Pins the widget to its current ACTIVE publication (the control), queues the publication of "
                    + "the variant (through the widget's approvals and windows, if any) and answers 202 with the "
                    + "rollout and its Location. A job then moves A/B weight to the variant stage by stage; after each "
                    + "stage's hold it reads CXone analytics for both and rolls back at once when a variant p95 is over "
                    + "its factor of the control's (ROLLED_BACK), extends the hold when either side has too few samples "
                    + "(STALLED after app.rollouts.max-hold-extensions), and after the last stage makes the variant the "
                    + "widget's theme (PROMOTED). Role: publisher. 400 names every offending field; 409 when the widget "
                    + "has no ACTIVE publication (publish one first) or a rollout under way already. Send an "
                    + "Idempotency-Key to retry safely.")
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER, description = Idempotency.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING))
    @RequestBody(required = true, description = "Read field by field: unknown fields are unknown_field",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RolloutRequest.class),
                    examples = @ExampleObject(name = "threeStages", summary = "5 %, 25 %, then everyone, 15 minutes a "
                            + "stage", value = EXAMPLE)))
    @APIResponse(responseCode = "202", description = "Accepted: the rollout (RUNNING while its variant is published, or "
            + "PENDING_APPROVAL / SCHEDULED as that publication)",
            headers = @Header(name = "Location", description = "The rollout's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Rollout.class)))
    @APIResponse(responseCode = "400", description = "The body is invalid: errors[] names each field with its code "
            + "(required, type, format, range, size, unknown_field, not_found)")
    @APIResponse(responseCode = "409", description = "The widget has no ACTIVE publication to compare with, or has a "
            + "rollout under way; or a request with this Idempotency-Key is still running (idempotency_in_progress: "
            + "retry after Retry-After)")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another request "
            + "(idempotency_key_reused): use a new key")
    @APIResponse(responseCode = "502", description = E502)
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Response> start(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId,
            String body) throws JsonProcessingException {
        RolloutRequest request = RolloutRequest.read(mapper.readTree(body == null ? "" : body));
        Once<Rollout> once = idempotency.once(body, RolloutResource::accepted);
        return once.run(() -> service.start(widgetId, request, caller.get(), once));
    }

    /** Only builds the answer: with a key it runs inside the creating transaction (see {@link Once}). */
    static Response accepted(Rollout r) {
        return Response.accepted(r).location(URI.create("/api/v1/rollouts/" + r.id())).build();
    }

    @GET
    @Path("rollouts/{id}")
    @Operation(operationId = "getRollout", summary = "Get a rollout",
            description = "A rollout: state, stage, the variant's percent, the last gate's figures for control and "
                    + "variant (and which gate failed), a command not yet carried out, and why it ended. Roles: viewer, "
                    + "editor or publisher. 400 when the id is not a UUID, 404 when it names no rollout.")
    @APIResponse(responseCode = "200", description = "The rollout",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Rollout.class)))
    @APIResponse(responseCode = "400", description = E400_ID)
    @APIResponse(responseCode = "404", description = E404)
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Rollout> get(@PathParam("id") String id) {
        return service.get(uuid(id));
    }

    @GET
    @Path("rollouts/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @NonBlocking
    @Operation(operationId = "streamRolloutEvents", summary = "Follow a rollout as server-sent events",
            description = "A text/event-stream of unnamed events: each data: is one Rollout as JSON, first the current "
                    + "one, then each change of state, stage, hold, command or gate reading; it ends once the rollout "
                    + "is PROMOTED, ROLLED_BACK, ABORTED or FAILED (STALLED waits for a person, so the stream stays). "
                    + "A ':heartbeat' comment keeps the connection open. Roles: viewer, editor or publisher. 404 for "
                    + "an unknown rollout; 429 when no stream is left (retry after Retry-After).")
    @APIResponse(responseCode = "200", description = "Unnamed events, each data: one Rollout (JSON)",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = Rollout.class)))
    @APIResponse(responseCode = "400", description = E400_ID)
    @APIResponse(responseCode = "404", description = E404)
    @APIResponse(responseCode = "429", description = "The caller (APP_SSE_MAX_PER_SUBJECT) or this instance "
            + "(APP_SSE_MAX) has no event stream left: retry after Retry-After",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.STRING)))
    @KnownId(RolloutService.class)
    public void events(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
        streams.open(sink, sse, events.stream(uuid(id)));
    }

    @GET
    @Path("widgets/{widgetId}/rollouts")
    @Operation(operationId = "listWidgetRollouts", summary = "List a widget's rollouts, newest first",
            description = "One page of the widget's rollouts, newest first (page from 1, size 1 to 100, default 20). "
                    + "Roles: viewer, editor or publisher. 400 for a malformed widget id or page/size out of range.")
    @APIResponse(responseCode = "200", description = "One page of the widget's rollouts, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RolloutPage.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid (format, range)")
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Page<Rollout>> list(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId,
            @Parameter(description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    defaultValue = "1")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        return service.list(widgetId, PageRequest.parse(page, size, 20, MAX_PAGE_SIZE));
    }

    @POST
    @Path("rollouts/{id}/pause")
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(operationId = "pauseRollout", summary = "Pause a running rollout",
            description = "Asks the rollout to pause: within a tick (app.rollouts.tick) it is PAUSED, the A/B split "
                    + "kept, no gate read, until resumed, promoted or aborted. Answers 202 with the rollout (its command "
                    + "field shows the request until carried out). Role: publisher. 404 unknown; 409 when it is not "
                    + "RUNNING in a stage.")
    @APIResponse(responseCode = "202", description = "Asked: the rollout with command pause",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Rollout.class)))
    @APIResponse(responseCode = "400", description = E400_ID)
    @APIResponse(responseCode = "404", description = E404)
    @APIResponse(responseCode = "409", description = E409_COMMAND)
    public Uni<Response> pause(@PathParam("id") String id) {
        return command(id, Command.pause);
    }

    @POST
    @Path("rollouts/{id}/resume")
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(operationId = "resumeRollout", summary = "Resume a paused or stalled rollout",
            description = "Asks a PAUSED or STALLED rollout to go on: its stage's split is set again and its hold starts "
                    + "afresh (a stalled stage gets another round of holds). Answers 202 with the rollout. Role: "
                    + "publisher. 404 unknown; 409 when it is neither PAUSED nor STALLED.")
    @APIResponse(responseCode = "202", description = "Asked: the rollout with command resume",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Rollout.class)))
    @APIResponse(responseCode = "400", description = E400_ID)
    @APIResponse(responseCode = "404", description = E404)
    @APIResponse(responseCode = "409", description = E409_COMMAND)
    public Uni<Response> resume(@PathParam("id") String id) {
        return command(id, Command.resume);
    }

    @POST
    @Path("rollouts/{id}/promote")
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(operationId = "promoteRollout", summary = "Promote a rollout's variant now",
            description = "Asks the rollout to skip its remaining stages and gates: within a tick the variant is the "
                    + "widget's theme (the split cleared) and the rollout PROMOTED. Answers 202 with the rollout. Role: "
                    + "publisher. 404 unknown; 409 while the variant is still being published, or when it is over.")
    @APIResponse(responseCode = "202", description = "Asked: the rollout with command promote",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Rollout.class)))
    @APIResponse(responseCode = "400", description = E400_ID)
    @APIResponse(responseCode = "404", description = E404)
    @APIResponse(responseCode = "409", description = E409_COMMAND)
    public Uni<Response> promote(@PathParam("id") String id) {
        return command(id, Command.promote);
    }

    @POST
    @Path("rollouts/{id}/abort")
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(operationId = "abortRollout", summary = "Abort a rollout",
            description = "Asks the rollout to stop: within a tick every visitor is back on the control and the "
                    + "rollout ABORTED (while the variant is still being published, that publication goes on but "
                    + "reaches nobody: the widget stays pinned to the control). Answers 202 with the rollout. Role: "
                    + "publisher. 404 unknown; 409 when it is over.")
    @APIResponse(responseCode = "202", description = "Asked: the rollout with command abort",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Rollout.class)))
    @APIResponse(responseCode = "400", description = E400_ID)
    @APIResponse(responseCode = "404", description = E404)
    @APIResponse(responseCode = "409", description = E409_COMMAND)
    public Uni<Response> abort(@PathParam("id") String id) {
        return command(id, Command.abort);
    }

    private Uni<Response> command(String id, Command command) {
        return service.command(uuid(id), command, caller.get()).map(r -> Response.accepted(r).build());
    }

    private static UUID uuid(String id) {
        return Params.uuid("id", id, "a rollout id (a UUID)");
    }

    /** The document's name for one page of a widget's rollouts: {@link Page} of {@link Rollout} (a generic has no schema name). */
    @Schema(name = "RolloutPage", description = "One page of a widget's rollouts, newest first: {items, page, pageSize, totalItems}")
    record RolloutPage(java.util.List<Rollout> items, int page, int pageSize, long totalItems) {
    }
}
