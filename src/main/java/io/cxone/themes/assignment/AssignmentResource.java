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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

    static final String E400_WIDGET = "The widget id is outside its pattern (format)";
    static final String E502 = "CXone refused or failed the call after our retries (the detail says which)";
    static final String E503 = "CXone is throttling or paused (circuit breaker), or the database is not reachable: retry "
            + "after Retry-After";
    static final String E504 = "CXone did not answer in time, even after retries: retry later";
    static final String EXAMPLE = "{\"variants\": [{\"publicationId\": \"9b2e4f60-1c3d-4a5b-8e7f-0a1b2c3d4e5f\", "
            + "\"trafficWeight\": 0.5}, {\"publicationId\": \"1d7c9e2a-5b3f-4e6d-8a9b-c0d1e2f3a4b5\", "
            + "\"trafficWeight\": 0.5}, {\"publicationId\": \"5e8f0a1b-2c3d-4e5f-9a6b-7c8d9e0f1a2b\", "
            + "\"segmentId\": \"vip\", \"geoRegion\": \"eu\", \"trafficWeight\": 1.0}]}";

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
    @Operation(operationId = "getAssignments", summary = "Get the widget's theme assignments as CXone holds them",
            description = "The widget's complete assignment list, gathered from every CXone page. Roles: viewer, editor "
                    + "or publisher. 400 for a malformed widget id; 502, 503 (retry after Retry-After) or 504 when CXone "
                    + "fails.")
    @APIResponse(responseCode = "200", description = "The widget's assignments in CXone",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WidgetAssignments.class)))
    @APIResponse(responseCode = "400", description = E400_WIDGET)
    @APIResponse(responseCode = "502", description = E502)
    @APIResponse(responseCode = "503", description = E503)
    @APIResponse(responseCode = "504", description = E504)
    public Uni<WidgetAssignments> list(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId) {
        return service.list(widgetId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(operationId = "putAssignments", summary = "Set the widget's A/B theme variants",
            description = "Replaces the widget's variants: each names an ACTIVE publication of this widget, optionally "
                    + "for a segmentId and/or geoRegion, with a trafficWeight; the weights of each segment/region group "
                    + "sum to 1. CXone is updated first and the assignment is recorded (audited) only once CXone "
                    + "accepted it; answers the stored assignment. Role: publisher. 400 names each offending field "
                    + "(variants[i].publicationId not_found, widget or state; sum; duplicate; size; nothing is sent to "
                    + "CXone then); 502, 503 (retry after Retry-After) or 504 when CXone fails (our record is left as "
                    + "it was).")
    @RequestBody(required = true, description = "Read by the strict JSON reader: unknown fields are unknown_field, no "
            + "number is read from a string",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssignmentRequest.class),
                    examples = @ExampleObject(name = "abTest", summary = "A 50/50 test, and one theme for VIP visitors in "
                            + "the EU", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The assignment as recorded after CXone accepted it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoredAssignment.class)))
    @APIResponse(responseCode = "400", description = "The body is invalid: errors[] names each field with its code")
    @APIResponse(responseCode = "502", description = E502)
    @APIResponse(responseCode = "503", description = E503)
    @APIResponse(responseCode = "504", description = E504)
    public Uni<StoredAssignment> put(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId,
            AssignmentRequest body) {
        return stored.put(widgetId, body, caller.get());
    }

    @GET
    @Path("resolve")
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Operation(operationId = "resolveVariant", summary = "Resolve the variant a visitor gets",
            description = "The variant this visitor gets from the stored assignment: deterministic for a visitorId "
                    + "(its bucket in [0, 1)), from the most specific segment/region group that matches. Roles: viewer, "
                    + "editor or publisher. 400 when visitorId is missing or not 1 to 256 printable ASCII characters, or "
                    + "segment/geo are malformed (format); 404 when the widget has no stored assignment (putAssignments "
                    + "first) or no group matches and there is no default group.")
    @Parameter(name = "visitorId", in = ParameterIn.QUERY, required = true, description = "1 to 256 printable ASCII "
            + "characters identifying the visitor (e.g. a cookie id)", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "segment", in = ParameterIn.QUERY, description = "The visitor's segment: 1 to 64 letters, digits, "
            + "'.', '_', ':' or '-'", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "geo", in = ParameterIn.QUERY, description = "The visitor's region: 1 to 64 letters, digits, '.', "
            + "'_', ':' or '-'", schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The visitor's variant",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Resolution.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid: errors[] names it (required, format)")
    @APIResponse(responseCode = "404", description = "The widget has no stored assignment, or no group for this segment and region and no default group")
    @APIResponse(responseCode = "503", description = "The database is not reachable right now: retry after Retry-After")
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
