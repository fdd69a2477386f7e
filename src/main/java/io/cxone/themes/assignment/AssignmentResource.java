package io.cxone.themes.assignment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cxone.themes.audit.CurrentCaller;
import io.cxone.themes.cxone.WidgetIds;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.security.Roles;
import io.smallrye.mutiny.Uni;

/** A widget's A/B theme assignments: as CXone holds them, as we set them, and which variant a visitor gets. */
@Path("/api/v1/widgets/{widgetId}/assignments")
@Tag(name = "assignments")
@Produces(MediaType.APPLICATION_JSON)
public class AssignmentResource {
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final java.util.regex.Pattern VISITOR = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,256}");

    private final AssignmentService service;
    private final StoredAssignments stored;
    private final CurrentCaller caller;

    public AssignmentResource(AssignmentService service, StoredAssignments stored, CurrentCaller caller) {
        this.service = service;
        this.stored = stored;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Operation(summary = "The widget's complete assignment list (all CXone pages)")
    public Uni<WidgetAssignments> list(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId) {
        return service.list(widgetId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(summary = "Set the widget's A/B variants (ACTIVE publications; weights per segment/region group sum to 1)")
    public Uni<StoredAssignment> put(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId,
            AssignmentRequest body) {
        return stored.put(widgetId, body, caller.get());
    }

    @GET
    @Path("resolve")
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Operation(summary = "The variant this visitor gets (deterministic; most specific segment/region group first)")
    public Uni<Resolution> resolve(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId,
            @QueryParam("visitorId") String visitorId, @QueryParam("segment") String segment,
            @QueryParam("geo") String geo) {
        if (visitorId == null || !VISITOR.matcher(visitorId).matches()) {
            throw ApiException.badRequest("visitorId", visitorId == null ? ErrorCode.REQUIRED : ErrorCode.FORMAT,
                    "is required: 1 to 256 printable ASCII characters identifying the visitor (e.g. a cookie id)");
        }
        return stored.resolve(widgetId, visitorId, name("segment", segment), name("geo", geo));
    }

    private static String name(String param, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!NAME.matcher(value).matches()) {
            throw ApiException.badRequest(param, ErrorCode.FORMAT, "must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        return value;
    }
}
