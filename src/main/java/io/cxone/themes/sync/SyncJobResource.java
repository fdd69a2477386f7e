package io.cxone.themes.sync;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.cxone.themes.audit.CurrentCaller;
import io.cxone.themes.idempotency.Idempotency;
import io.cxone.themes.idempotency.Once;
import io.cxone.themes.web.KnownId;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.cxone.themes.web.Params;
import io.cxone.themes.security.Roles;
import io.cxone.themes.streams.EventStreams;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Fleet sync jobs: roll the CXone theme of an ACTIVE publication out to many widgets, and watch them progress. */
@Path("/api/v1/sync-jobs")
@Tag(name = "sync-jobs")
@Produces(MediaType.APPLICATION_JSON)
public class SyncJobResource {
    static final int MAX_PAGE_SIZE = 1000;
    static final String E400_ID = "The id is not a UUID (format)";
    static final String E404 = "No sync job has this id";
    static final String E503 = "The database is not reachable right now: retry after Retry-After";

    private final SyncJobService service;
    private final CurrentCaller caller;
    private final Idempotency idempotency;
    private final ObjectMapper mapper;
    private final EventStreams streams;

    public SyncJobResource(SyncJobService service, CurrentCaller caller, Idempotency idempotency, ObjectMapper mapper,
            EventStreams streams) {
        this.service = service;
        this.caller = caller;
        this.idempotency = idempotency;
        this.mapper = mapper;
        this.streams = streams;
    }

    @POST
    @Blocking // up to 16 MB of widget ids are deserialized: on a worker thread, never the event loop
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(operationId = "createSyncJob", summary = "Roll an ACTIVE publication's theme out to many widgets",
            description = "Queues a fleet sync job that assigns the CXone theme of an ACTIVE publication to each listed "
                    + "widget (up to app.sync.max-widgets ids, 100000 by default; overrideExisting is passed to CXone, "
                    + "which answers SKIPPED for a widget it leaves as it was) and answers 202 with the job and its Location: poll getSyncJob, list outcomes "
                    + "with listSyncJobItems, or follow streamSyncJobEvents. Role: publisher. 400 names the field: "
                    + "publicationId required, not_found or not ACTIVE (state); widgetIds empty, too many (size) or "
                    + "malformed (format, the first ones listed). 413 when the body is larger than this path accepts. "
                    + "Send an Idempotency-Key to retry safely.")
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER, description = Idempotency.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING))
    @RequestBody(required = true, description = "Read by the strict JSON reader: unknown fields are unknown_field, no "
            + "number or boolean is read from a string",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SyncJobRequest.class), examples = @ExampleObject(name = "rollout",
                    value = "{\"publicationId\": \"9b2e4f60-1c3d-4a5b-8e7f-0a1b2c3d4e5f\", \"widgetIds\": "
                            + "[\"widget-eu-001\", \"widget-eu-002\"], \"overrideExisting\": false}")))
    @APIResponse(responseCode = "202", description = "Accepted: the job, queued",
            headers = @Header(name = "Location", description = "The job's URL (GET it, or follow its /events)",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncJobView.class)))
    @APIResponse(responseCode = "400", description = "The body is invalid: errors[] names each field with its code")
    @APIResponse(responseCode = "409", description = "The first request with this Idempotency-Key is still running "
            + "(idempotency_in_progress): retry after Retry-After with the same key and body")
    @APIResponse(responseCode = "413", description = "The body is larger than this path accepts")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another request "
            + "(idempotency_key_reused): use a new key")
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Response> create(byte[] body) throws IOException {
        // read as bytes: an Idempotency-Key's request hash covers exactly what was sent, then the same strict JSON reader
        SyncJobRequest request = body == null || body.length == 0 ? null : mapper.readValue(body, SyncJobRequest.class);
        Once<SyncJobView> once = idempotency.once(body, job -> Response.accepted(job)
                .location(URI.create("/api/v1/sync-jobs/" + job.id())).build());
        return once.run(() -> service.create(request, caller.get(), once));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Operation(operationId = "getSyncJob", summary = "Get a sync job's state and progress",
            description = "A job's state and progress: counts per item status, rate (widgets/s) and ETA (s). Poll it "
                    + "after createSyncJob until a terminal state. Roles: viewer, editor or publisher. 400 when the id "
                    + "is not a UUID, 404 when it names no job.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncJobView.class)))
    @APIResponse(responseCode = "400", description = E400_ID)
    @APIResponse(responseCode = "404", description = E404)
    @APIResponse(responseCode = "503", description = E503)
    public Uni<SyncJobView> get(@PathParam("id") String id) {
        return service.get(uuid(id));
    }

    @GET
    @Path("{id}/items")
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Operation(operationId = "listSyncJobItems", summary = "List a sync job's per-widget outcomes",
            description = "One page of per-widget outcomes in request order, optionally of one status (PENDING, "
                    + "SYNCED, SKIPPED, FAILED); page from 1, size 1 to 1000 (default 100). Roles: viewer, editor or "
                    + "publisher. 400 for a malformed id (format), an unknown status (enum) or page/size out of range "
                    + "(range); 404 when the id names no job.")
    @APIResponse(responseCode = "200", description = "One page of per-widget outcomes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncItemPage.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid: errors[] names it (format, enum, range)")
    @APIResponse(responseCode = "404", description = E404)
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Page<SyncItem>> items(@PathParam("id") String id, @QueryParam("status") String status,
            @Parameter(description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 1000", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100")) @QueryParam("size") String size) {
        return service.items(uuid(id), status == null || status.isBlank() ? null : status.strip(),
                PageRequest.parse(page, size, 100, MAX_PAGE_SIZE));
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @KnownId(SyncJobService.class)
    @NonBlocking
    @Operation(operationId = "streamSyncJobEvents", summary = "Follow a sync job's progress as server-sent events",
            description = "A text/event-stream of unnamed events (no event: line, so the default type 'message'): "
                    + "each data: is one SyncJobView as JSON, a few per second, the last one the terminal state, then "
                    + "the stream ends. A ':heartbeat' comment keeps the connection open. A client generator will not "
                    + "give you a typed stream: read it with an SSE client (EventSource, or java.net.http with a line "
                    + "reader) and parse each data: as a SyncJobView. Roles: viewer, editor or publisher. 404 for an "
                    + "unknown job; 429 when no stream is left (retry after Retry-After).")
    @APIResponse(responseCode = "200", description = "Unnamed events, each data: one SyncJobView (JSON), a few times a "
            + "second, ending with the terminal state", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            schema = @Schema(implementation = SyncJobView.class)))
    @APIResponse(responseCode = "400", description = E400_ID)
    @APIResponse(responseCode = "404", description = E404)
    @APIResponse(responseCode = "429", description = "The caller (APP_SSE_MAX_PER_SUBJECT) or this instance (APP_SSE_MAX) "
            + "has no event stream left: retry after Retry-After",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.STRING)))
    public void events(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
        // @KnownId has answered 404 for an unknown job before the stream started
        streams.open(sink, sse, service.events(uuid(id)));
    }

    static UUID uuid(String id) {
        return Params.uuid("id", id, "a sync job id (a UUID)");
    }

    /** The document's name for one page of a sync job's per-widget outcomes: {@link Page} of {@link SyncItem} (a generic has no schema name). */
    @Schema(name = "SyncItemPage", description = "One page of a sync job's per-widget outcomes: {items, page, pageSize, totalItems}")
    record SyncItemPage(java.util.List<SyncItem> items, int page, int pageSize, long totalItems) {
    }
}
