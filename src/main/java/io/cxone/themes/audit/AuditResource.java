package io.cxone.themes.audit;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import io.cxone.themes.security.Roles;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/** {@code /api/v1/audit}: the tamper-evident trail, for auditors only. */
@Path("/api/v1/audit")
@Tag(name = "audit")
@RolesAllowed(Roles.AUDITOR)
public class AuditResource {
    static final int MAX_PAGE_SIZE = 500;

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAuditEvents",
            summary = "Events, newest first; filters: themeId, widgetId, actor, action, from, to (ISO-8601)",
            description = "One page of the tamper-evident audit trail, newest first, filtered by any of the parameters. "
                    + "Role auditor. A malformed filter or an out-of-range page or size is a 400 naming it.")
    @APIResponse(responseCode = "200", description = "One page of audit events",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditEventPage.class)))
    @APIResponse(responseCode = "400", description = "A filter or paging parameter is malformed or out of range (`format`, `range`, `type`); `to` before `from` is `range`")
    public Uni<Page<AuditEvent>> list(@Parameter(description = "Only events of this theme (a UUID)", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("themeId") String themeId,
            @Parameter(description = "Only events of this widget") @QueryParam("widgetId") String widgetId,
            @Parameter(description = "Only events by this actor (the token's subject)") @QueryParam("actor") String actor,
            @Parameter(description = "Only events with this action") @QueryParam("action") String action,
            @Parameter(description = "Events at or after this ISO-8601 UTC instant", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "Events at or before this ISO-8601 UTC instant", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Parameter(description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size) {
        AuditFilter filter = AuditFilter.of(themeId, widgetId, actor, action, from, to);
        return audit.page(filter, PageRequest.parse(page, size, 50, MAX_PAGE_SIZE));
    }

    @GET
    @Path("export")
    @Produces(MediaType.TEXT_PLAIN) // one declared type; each format sets its own Content-Type on the RestMulti
    @Operation(operationId = "exportAudit",
            summary = "Streams events oldest first as jsonl, cef, syslog (RFC 5424) or ocsf lines; same filters",
            description = "Streams the matching events, oldest first, one line per event (and per signed checkpoint) "
                    + "in the chosen format, as an attachment: jsonl and ocsf as application/x-ndjson, cef and syslog "
                    + "as text/plain. Role auditor. An unknown format or a malformed filter is a 400 naming it. A "
                    + "generated client reads the body as one string: stream it with a plain HTTP client for large trails.")
    @APIResponse(responseCode = "200", description = "The lines, newest last",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"audit.{format}\"", schema = @Schema(type = SchemaType.STRING)),
            content = { @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "`format` is not one of jsonl, cef, syslog, ocsf (`enum`), or a filter is malformed (`format`, `range`)")
    public RestMulti<Buffer> export(
            @Parameter(description = "Line format", schema = @Schema(enumeration = { "jsonl", "cef", "syslog", "ocsf" }, defaultValue = "jsonl")) @QueryParam("format") String format,
            @Parameter(description = "Only events of this theme (a UUID)", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("themeId") String themeId,
            @Parameter(description = "Only events of this widget") @QueryParam("widgetId") String widgetId,
            @Parameter(description = "Only events by this actor (the token's subject)") @QueryParam("actor") String actor,
            @Parameter(description = "Only events with this action") @QueryParam("action") String action,
            @Parameter(description = "Events at or after this ISO-8601 UTC instant", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "Events at or before this ISO-8601 UTC instant", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to) {
        AuditFormat chosen = audit.format(format == null ? "jsonl" : format);
        AuditFilter filter = AuditFilter.of(themeId, widgetId, actor, action, from, to);
        // bytes, not strings: the framework would otherwise re-encode ndjson items as JSON strings
        return RestMulti.fromMultiData(audit.export(chosen, filter).map(Buffer::buffer))
                .header("Content-Type", chosen.mediaType() + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"audit." + (format == null ? "jsonl" : format.strip()) + "\"")
                .build();
    }

    @GET
    @Path("checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAuditCheckpoints",
            summary = "Signed checkpoints of the chain head, newest first, with the public key (PEM) and its id",
            description = "One page of the signed checkpoints of the chain head, newest first, with the key id, "
                    + "algorithm and public key (PEM) to check their signatures offline. Role auditor. An out-of-range "
                    + "page or size is a 400 naming it.")
    @APIResponse(responseCode = "200", description = "One page of checkpoints with the public key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CheckpointPage.class)))
    @APIResponse(responseCode = "400", description = "`page` or `size` is not a whole number or out of range (`type`, `range`)")
    public Uni<CheckpointPage> checkpoints(@Parameter(description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("size") String size) {
        return audit.checkpoints(PageRequest.parse(page, size, 50, MAX_PAGE_SIZE));
    }

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "verifyAudit", summary = "Checks the whole chain and its signed checkpoints: {valid, events, checkpoints, "
            + "firstBrokenSeq?, brokenCheckpoint?, reason?}",
            description = "Recomputes the hash chain over every event and checks every signed checkpoint; a broken "
                    + "chain is still a 200 with `valid: false`, the first broken sequence number or checkpoint and the "
                    + "reason. Role auditor.")
    @APIResponse(responseCode = "200", description = "The verdict",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerifyResult.class)))
    public Uni<VerifyResult> verify() {
        return audit.verify();
    }

    /** The document's name for one page of audit events: {@link Page} of {@link AuditEvent} (a generic has no schema name). */
    @Schema(name = "AuditEventPage", description = "One page of audit events: {items, page, pageSize, totalItems}")
    record AuditEventPage(List<AuditEvent> items, int page, int pageSize, long totalItems) {
    }
}
