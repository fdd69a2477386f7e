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
import org.eclipse.microprofile.openapi.annotations.media.Content;
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
    @Operation(summary = "Queue a sync job (202; follow Location or its events)")
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER, description = Idempotency.DESCRIPTION)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SyncJobRequest.class)))
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
    @Operation(summary = "A job's state and progress: counts, rate (widgets/s) and ETA (s)")
    public Uni<SyncJobView> get(@PathParam("id") String id) {
        return service.get(uuid(id));
    }

    @GET
    @Path("{id}/items")
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Operation(summary = "Per-widget outcomes, in request order, optionally by status (PENDING, SYNCED, SKIPPED, FAILED)")
    public Uni<Page<SyncItem>> items(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("page") String page, @QueryParam("size") String size) {
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
    @Operation(summary = "Progress as server-sent events (a few per second), ending with the terminal state")
    @APIResponse(responseCode = "200", description = "the job's view, a few times a second, ending with the terminal state", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            schema = @Schema(implementation = SyncJobView.class)))
    @APIResponse(responseCode = "429", description = "The caller (APP_SSE_MAX_PER_SUBJECT) or this instance (APP_SSE_MAX) "
            + "has no event stream left; retry after Retry-After")
    public void events(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
        // @KnownId has answered 404 for an unknown job before the stream started
        streams.open(sink, sse, service.events(uuid(id)));
    }

    static UUID uuid(String id) {
        return Params.uuid("id", id, "a sync job id (a UUID)");
    }
}
