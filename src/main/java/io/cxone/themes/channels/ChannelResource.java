package io.cxone.themes.channels;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
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

import io.cxone.themes.audit.CurrentCaller;
import io.cxone.themes.idempotency.Idempotency;
import io.cxone.themes.idempotency.Once;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.cxone.themes.web.Params;
import io.cxone.themes.security.Roles;
import io.cxone.themes.streams.EventStreams;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The live channel monitor (SPEC section 7): watches of public CXone chat channels, their snapshots and the report. */
@Path("/api/v1/channels")
@Tag(name = "channels")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelResource {
    static final int MAX_PAGE_SIZE = 100;
    static final String E400_ID = "The id is not a UUID (format)";
    static final String E404 = "No channel watch has this id";
    static final String E503 = "The database is not reachable right now: retry after Retry-After";
    static final List<String> CSV_HEADER = List.of("id", "name", "brandId", "channelId", "env", "domain", "state",
            "worstPair", "ratio", "required", "suggestion", "lastCheckedAt", "lastChangedAt", "driftFields");

    private final ChannelService service;
    private final ChannelEvents events;
    private final CurrentCaller caller;
    private final Idempotency idempotency;
    private final ObjectMapper mapper;
    private final EventStreams streams;

    public ChannelResource(ChannelService service, ChannelEvents events, CurrentCaller caller, Idempotency idempotency,
            ObjectMapper mapper, EventStreams streams) {
        this.service = service;
        this.events = events;
        this.caller = caller;
        this.idempotency = idempotency;
        this.mapper = mapper;
        this.streams = streams;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(operationId = "createWatch", summary = "Watch a live chat channel",
            description = "Starts watching a public CXone chat channel {brandId, channelId, env, domain, name?, "
                    + "themeId?, intervalSeconds?}: 201 with the watch and its Location; the first check runs at once "
                    + "(follow getWatch or streamChannelEvents). Role: publisher. 400 names the field (a host that is "
                    + "not allowed is not_allowed, an unknown or deleted linked draft not_found or deleted, an interval "
                    + "out of bounds range); 409 when the channel is watched already (the detail names the watch) or "
                    + "the deployment watches its maximum. Send an Idempotency-Key to retry safely.")
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER, description = Idempotency.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING))
    @RequestBody(required = true, description = "Read by the strict JSON reader: unknown fields are unknown_field, no "
            + "number or boolean is read from a string",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WatchRequest.class)))
    @APIResponse(responseCode = "201", description = "Created: the watch, state pending",
            headers = @Header(name = "Location", description = "The watch's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Watch.class)))
    @APIResponse(responseCode = "400", description = "The body is invalid: errors[] names each field with its code")
    @APIResponse(responseCode = "409", description = "The channel is watched already or the deployment watches its maximum, or the first request with this "
            + "Idempotency-Key is still running (idempotency_in_progress: retry after Retry-After)")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another request (idempotency_key_reused): use a new key")
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Response> create(byte[] body) throws IOException {
        // read as bytes: an Idempotency-Key's request hash covers exactly what was sent, then the same strict JSON reader
        WatchRequest request = body == null || body.length == 0 ? null : mapper.readValue(body, WatchRequest.class);
        Once<Watch> once = idempotency.once(body, w -> Response.created(URI.create("/api/v1/channels/" + w.id()))
                .entity(w).build());
        return once.run(() -> service.create(request, caller.get(), once));
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Operation(operationId = "listWatches", summary = "List channel watches",
            description = "One page of watches in creation order, optionally of one state (passing, failing, drifted, "
                    + "unreachable, pending, parked); page from 1, size 1 to 100 (default 50). Roles: viewer, editor or "
                    + "publisher. 400 for an unknown state (enum) or page/size out of range (range).")
    @APIResponse(responseCode = "200", description = "One page of watches",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WatchPage.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid: errors[] names it (enum, range)")
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Page<Watch>> list(@QueryParam("state") String state,
            @Parameter(description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "50")) @QueryParam("size") String size) {
        return service.list(state == null || state.isBlank() ? null : state.strip(),
                PageRequest.parse(page, size, 50, MAX_PAGE_SIZE));
    }

    @GET
    @Path("report")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Blocking // the CSV is written as it is read from the database, to a stream that blocks while the client lags
    @Operation(operationId = "getChannelReport", summary = "Get the fleet report of channel watches",
            description = "format=json (default): counts per state and one page of rows {counts, items, page, pageSize, "
                    + "totalItems} (page from 1, size 1 to 100, default 50); format=csv: every row streamed as CSV "
                    + "(RFC 4180, formula-injection safe, Content-Disposition attachment channels-report.csv; page and "
                    + "size are ignored). Roles: viewer, editor or publisher. 400 for another format (enum) or page/size "
                    + "out of range (range).")
    @APIResponse(responseCode = "200", description = "The report, as JSON or as CSV",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChannelService.Report.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = "id,name,brandId,channelId,env,domain,state,"
                                    + "worstPair,ratio,required,suggestion,lastCheckedAt,lastChangedAt,driftFields")) })
    @APIResponse(responseCode = "400", description = "A parameter is invalid: errors[] names it (enum, range)")
    @APIResponse(responseCode = "503", description = E503)
    public Response report(@QueryParam("format") String format,
            @Parameter(description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "50")) @QueryParam("size") String size) {
        String f = format == null || format.isBlank() ? "json" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("csv")) {
            throw ApiException.badRequest("format", ErrorCode.ENUM, "must be json or csv");
        }
        if (f.equals("json")) {
            PageRequest request = PageRequest.parse(page, size, 50, MAX_PAGE_SIZE);
            return Response.ok(service.report(request).await().indefinitely(), MediaType.APPLICATION_JSON).build();
        }
        // the CSV is every row (page and size are the JSON's): a spreadsheet wants the whole fleet
        StreamingOutput csv = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
            writer.write(Csv.line(CSV_HEADER));
            for (ReportRow r : service.reportRows().subscribe().asIterable()) {
                writer.write(Csv.line(cells(r)));
            }
            writer.flush();
        };
        return Response.ok(csv, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"channels-report.csv\"").build();
    }

    private static List<Object> cells(ReportRow r) {
        List<Object> cells = new ArrayList<>(List.of(r.id(), r.name(), r.brandId(), r.channelId(), r.env(), r.domain(),
                r.state()));
        cells.add(r.worstPair());
        cells.add(r.ratio());
        cells.add(r.required());
        cells.add(r.suggestion());
        cells.add(r.lastCheckedAt());
        cells.add(r.lastChangedAt());
        cells.add(String.join(" ", r.driftFields()));
        return cells;
    }

    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @NonBlocking
    @Operation(operationId = "streamChannelEvents", summary = "Follow channel watch changes as server-sent events",
            description = "A text/event-stream of unnamed events (no event: line, so the default type 'message'), "
                    + "each data: one ChannelEvent as JSON; its type field tells them apart: 'ready' (the first, once "
                    + "the stream listens), 'state' (a watch went from -> to) and 'changed' (its live look changed: a "
                    + "new snapshot with contentHash), found by the checks of every instance. A ':heartbeat' comment "
                    + "comes every APP_SSE_HEARTBEAT; the stream does not end by itself. A client generator will not "
                    + "give you a typed stream: read it with an SSE client (EventSource, or java.net.http with a line "
                    + "reader) and parse each data: as a ChannelEvent. Roles: viewer, editor or publisher. 429 when no "
                    + "stream is left (retry after Retry-After).")
    @APIResponse(responseCode = "200", description = "Unnamed events, each data: one ChannelEvent (JSON): ready, then "
            + "state and changed events", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            schema = @Schema(implementation = ChannelEvent.class)))
    @APIResponse(responseCode = "429", description = "The caller (APP_SSE_MAX_PER_SUBJECT) or this instance (APP_SSE_MAX) "
            + "has no event stream left: retry after Retry-After",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.STRING)))
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        streams.open(sink, sse, events.stream());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Operation(operationId = "getWatch", summary = "Get a channel watch",
            description = "One watch: state, last check, last change, worst failing check, drift fields, next check. "
                    + "Roles: viewer, editor or publisher. 400 when the id is not a UUID, 404 when it names no watch.")
    @APIResponse(responseCode = "200", description = "The watch",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Watch.class)))
    @APIResponse(responseCode = "400", description = E400_ID)
    @APIResponse(responseCode = "404", description = E404)
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Watch> get(@PathParam("id") String id) {
        return service.get(uuid(id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(operationId = "deleteWatch", summary = "Stop watching a channel",
            description = "Deletes the watch and its snapshots (204; audited). Role: publisher. 400 when the id is not a "
                    + "UUID, 404 when it names no watch.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = E400_ID)
    @APIResponse(responseCode = "404", description = E404)
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(uuid(id), caller.get()).map(v -> Response.noContent().build());
    }

    @POST
    @Path("{id}/check")
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(operationId = "checkWatchNow", summary = "Check a channel watch now",
            description = "202 with the watch and its Location: the check is due at once, or joins the check already "
                    + "queued within APP_CHANNELS_CHECK_COOLDOWN of the last one or during a failed fetch's back-off; "
                    + "nextCheckAt says when. A parked watch is taken up again (state pending, parkedReason cleared; "
                    + "audited). Role: publisher. 400 when the id is not a UUID, 404 when it names no watch.")
    @APIResponse(responseCode = "202", description = "Accepted: the watch, with nextCheckAt",
            headers = @Header(name = "Location", description = "The watch's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Watch.class)))
    @APIResponse(responseCode = "400", description = E400_ID)
    @APIResponse(responseCode = "404", description = E404)
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Response> check(@PathParam("id") String id) {
        return service.checkNow(uuid(id), caller.get()).map(w -> Response.accepted(w)
                .location(URI.create("/api/v1/channels/" + w.id())).build());
    }

    @GET
    @Path("{id}/snapshots")
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Operation(operationId = "listWatchSnapshots", summary = "List a channel watch's snapshots, newest first",
            description = "The live look each time it changed, newest first: {time, contentHash, appearance, theme, "
                    + "report}; page from 1, size 1 to 100 (default 20). Roles: viewer, editor or publisher. 400 for a "
                    + "malformed id (format) or page/size out of range (range), 404 when the id names no watch.")
    @APIResponse(responseCode = "200", description = "One page of snapshots, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SnapshotPage.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid: errors[] names it (format, range)")
    @APIResponse(responseCode = "404", description = E404)
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Page<Snapshot>> snapshots(@PathParam("id") String id,
            @Parameter(description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        return service.snapshots(uuid(id), PageRequest.parse(page, size, 20, MAX_PAGE_SIZE));
    }

    static UUID uuid(String id) {
        return Params.uuid("id", id, "a channel watch id (a UUID)");
    }

    /** The document's name for one page of channel watches, in creation order: {@link Page} of {@link Watch} (a generic has no schema name). */
    @Schema(name = "WatchPage", description = "One page of channel watches, in creation order: {items, page, pageSize, totalItems}")
    record WatchPage(java.util.List<Watch> items, int page, int pageSize, long totalItems) {
    }

    /** The document's name for one page of a watch's snapshots, newest first: {@link Page} of {@link Snapshot} (a generic has no schema name). */
    @Schema(name = "SnapshotPage", description = "One page of a watch's snapshots, newest first: {items, page, pageSize, totalItems}")
    record SnapshotPage(java.util.List<Snapshot> items, int page, int pageSize, long totalItems) {
    }
}
