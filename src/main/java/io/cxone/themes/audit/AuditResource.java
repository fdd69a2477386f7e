package io.cxone.themes.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
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
    @Operation(summary = "Events, newest first; filters: themeId, widgetId, actor, action, from, to (ISO-8601)")
    public Uni<Page<AuditEvent>> list(@QueryParam("themeId") String themeId, @QueryParam("widgetId") String widgetId,
            @QueryParam("actor") String actor, @QueryParam("action") String action, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("page") String page, @QueryParam("size") String size) {
        AuditFilter filter = AuditFilter.of(themeId, widgetId, actor, action, from, to);
        return audit.page(filter, PageRequest.parse(page, size, 50, MAX_PAGE_SIZE));
    }

    @GET
    @Path("export")
    @Produces(MediaType.TEXT_PLAIN) // one declared type; each format sets its own Content-Type on the RestMulti
    @Operation(summary = "Streams events oldest first as jsonl, cef, syslog (RFC 5424) or ocsf lines; same filters")
    public RestMulti<Buffer> export(@QueryParam("format") String format, @QueryParam("themeId") String themeId,
            @QueryParam("widgetId") String widgetId, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("from") String from, @QueryParam("to") String to) {
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
    @Operation(summary = "Signed checkpoints of the chain head, newest first, with the public key (PEM) and its id")
    public Uni<CheckpointPage> checkpoints(@QueryParam("page") String page, @QueryParam("size") String size) {
        return audit.checkpoints(PageRequest.parse(page, size, 50, MAX_PAGE_SIZE));
    }

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Checks the whole chain and its signed checkpoints: {valid, events, checkpoints, "
            + "firstBrokenSeq?, brokenCheckpoint?, reason?}")
    public Uni<VerifyResult> verify() {
        return audit.verify();
    }
}
