package io.cxone.themes.assignment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cxone.themes.security.Roles;
import io.smallrye.mutiny.Uni;

/** A widget's A/B theme assignments as CXone holds them. */
@Path("/api/v1/widgets/{widgetId}/assignments")
@Tag(name = "assignments")
@Produces(MediaType.APPLICATION_JSON)
public class AssignmentResource {
    private final AssignmentService service;

    public AssignmentResource(AssignmentService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
    @Operation(summary = "The widget's complete assignment list (all CXone pages)")
    public Uni<WidgetAssignments> list(
            @PathParam("widgetId") @Pattern(regexp = WidgetIds.PATTERN, message = WidgetIds.MESSAGE) String widgetId) {
        return service.list(widgetId);
    }
}
