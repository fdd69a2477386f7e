package io.cxone.themes.theme;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.accessibility.Level;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.security.Roles;
import io.smallrye.mutiny.Uni;

/** {@code POST /api/v1/themes/validate}: the full report for a theme, valid or not. */
@Path("/api/v1/themes/validate")
@Tag(name = "themes")
@RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER, Roles.AUDITOR })
public class ValidationResource {
    private final ThemeValidator validator;

    public ValidationResource(ThemeValidator validator) {
        this.validator = validator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Validate a theme: field errors and WCAG 2.1 contrast report (200 even when invalid)")
    public Uni<ValidationReport> validate(JsonNode body, @QueryParam("level") String level) {
        Level parsed = parseLevel(level);
        return Uni.createFrom().item(() -> validator.validate(body, parsed));
    }

    static Level parseLevel(String level) {
        if (level == null || level.isBlank() || level.equalsIgnoreCase("AA")) {
            return Level.AA;
        }
        if (level.equalsIgnoreCase("AAA")) {
            return Level.AAA;
        }
        throw ApiException.badRequest("level", "enum", "must be AA or AAA");
    }
}
