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
import org.eclipse.microprofile.openapi.annotations.media.Content;
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
    @Operation(summary = "Watch a live chat channel {brandId, channelId, env, domain, name?, themeId?, intervalSeconds?} "
            + "(201; the first check runs at once; 409 when the channel is watched already)")
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER, description = Idempotency.DESCRIPTION)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WatchRequest.class)))
    public Uni<Response> create(byte[] body) throws IOException {
        // read as bytes: an Idempotency-Key's request hash covers exactly what was sent, then the same strict JSON reader
        WatchRequest request = body == null || body.length == 0 ? null : mapper.readValue(body, WatchRequest.class);
        Once<Watch> once = idempotency.once(body, w -> Response.created(URI.create("/api/v1/channels/" + w.id()))
                .entity(w).build());
        return once.run(() -> service.create(request, caller.get(), once));
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Operation(summary = "Watches in creation order, optionally of one state (passing, failing, drifted, unreachable, "
            + "pending)")
    public Uni<Page<Watch>> list(@QueryParam("state") String state, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return service.list(state == null || state.isBlank() ? null : state.strip(),
                PageRequest.parse(page, size, 50, MAX_PAGE_SIZE));
    }

    @GET
    @Path("report")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Blocking // the CSV is written as it is read from the database, to a stream that blocks while the client lags
    @Operation(summary = "The fleet report: counts per state and one page of rows (format=json, default: {counts, items, "
            + "page, pageSize, totalItems}), or every row streamed as CSV (format=csv: RFC 4180, formula-injection safe)")
    public Response report(@QueryParam("format") String format, @QueryParam("page") String page,
            @QueryParam("size") String size) {
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
    @Operation(summary = "State changes and live-look changes found by the checks of this instance (server-sent events; "
            + "the first event is 'ready'; a ':heartbeat' comment every APP_SSE_HEARTBEAT)")
    @APIResponse(responseCode = "200", description = "ready, then state and changed events", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            schema = @Schema(implementation = ChannelEvent.class)))
    @APIResponse(responseCode = "429", description = "The caller (APP_SSE_MAX_PER_SUBJECT) or this instance (APP_SSE_MAX) "
            + "has no event stream left; retry after Retry-After")
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        streams.open(sink, sse, events.stream());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Operation(summary = "One watch: state, last check, last change, worst failing check, drift fields")
    public Uni<Watch> get(@PathParam("id") String id) {
        return service.get(uuid(id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(summary = "Stop watching (204; its snapshots go with it; audited)")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(uuid(id), caller.get()).map(v -> Response.noContent().build());
    }

    @POST
    @Path("{id}/check")
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(summary = "Check now (202 with the watch): due at once, or joining the check already queued within "
            + "APP_CHANNELS_CHECK_COOLDOWN of the last one or during a failed fetch's back-off; nextCheckAt says when")
    public Uni<Response> check(@PathParam("id") String id) {
        return service.checkNow(uuid(id)).map(w -> Response.accepted(w)
                .location(URI.create("/api/v1/channels/" + w.id())).build());
    }

    @GET
    @Path("{id}/snapshots")
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Operation(summary = "The live look each time it changed, newest first: {time, contentHash, appearance, theme, "
            + "report}")
    public Uni<Page<Snapshot>> snapshots(@PathParam("id") String id, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return service.snapshots(uuid(id), PageRequest.parse(page, size, 20, MAX_PAGE_SIZE));
    }

    static UUID uuid(String id) {
        return Params.uuid("id", id, "a channel watch id (a UUID)");
    }
}
