package io.cxone.themes.governance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.audit.CurrentCaller;
import io.cxone.themes.cxone.WidgetIds;
import io.cxone.themes.security.Roles;
import io.smallrye.mutiny.Uni;

/** A widget's change-control policy: approvals, windows, how long approvals may take. */
@Path("/api/v1/widgets/{widgetId}/policy")
@Tag(name = "governance")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {
    static final String E503 = "The database is not reachable right now: retry after Retry-After";
    static final String EXAMPLE = "{\"approvals\": 1, \"windows\": [{\"days\": [\"TUE\", \"THU\"], \"from\": \"09:00\", "
            + "\"to\": \"11:00\", \"zone\": \"Europe/Berlin\"}], \"approvalTtl\": \"PT72H\"}";

    private final Policies policies;
    private final CurrentCaller caller;
    private final ObjectMapper mapper;

    public PolicyResource(Policies policies, CurrentCaller caller, ObjectMapper mapper) {
        this.policies = policies;
        this.caller = caller;
        this.mapper = mapper;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER, Roles.APPROVER })
    @Operation(operationId = "getWidgetPolicy", summary = "Get a widget's policy",
            description = "The widget's approvals, windows and approval time-to-live; a widget without a stored policy "
                    + "answers the default (stored: false; approvals from APP_POLICY_DEFAULT_APPROVALS, no windows). "
                    + "Roles: viewer, editor, publisher or approver. 400 for a malformed widget id.")
    @APIResponse(responseCode = "200", description = "The policy", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Policy.class)))
    @APIResponse(responseCode = "400", description = "The widget id is malformed (format)")
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Policy> get(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId) {
        return policies.get(widgetId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PUBLISHER)
    @Operation(operationId = "putWidgetPolicy", summary = "Set a widget's policy",
            description = "Replaces the widget's policy: how many approvals by other people (0, 1 or 2) a publication "
                    + "or rollback needs, the windows it may start in (local times in IANA zones; none: any time) and "
                    + "how long it waits for approvals (approvalTtl, ISO-8601, default PT72H) before it is EXPIRED. "
                    + "Applies to publications requested afterwards. Role: publisher. 400 names every offending field "
                    + "(windows[1].zone format, windows[0].days size, windows[2].to range when not after from, "
                    + "windows[1] overlap when it shares a day and hours with another window of its zone).")
    @RequestBody(required = true, description = "Read by a strict JSON reader: approvals required; windows and "
            + "approvalTtl optional", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
                    implementation = Policy.class), examples = @ExampleObject(name = "oneApproverTuesdayThursday",
                            summary = "One approver; Tuesday and Thursday mornings in Berlin", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The stored policy", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Policy.class)))
    @APIResponse(responseCode = "400", description = "The body is invalid: errors[] names each field with its code "
            + "(required, type, format, enum, range, size, duplicate, overlap, unknown_field, json)")
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Policy> put(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId,
            String body) throws JsonProcessingException {
        Policy policy = PolicyRequest.read(mapper.readTree(body == null ? "" : body), policies.defaultTtl());
        return policies.put(widgetId, policy, caller.get());
    }
}
