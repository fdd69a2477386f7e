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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.accessibility.Level;
import io.cxone.themes.security.Roles;
import io.cxone.themes.web.Params;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** {@code POST /api/v1/themes/validate}: the full report for a theme, valid or not. */
@Path("/api/v1/themes/validate")
@Tag(name = "themes")
@RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER, Roles.AUDITOR })
public class ValidationResource {
    private final ThemeValidator validator;
    private final ObjectMapper mapper;

    public ValidationResource(ThemeValidator validator, ObjectMapper mapper) {
        this.validator = validator;
        this.mapper = mapper;
    }

    @POST
    @Blocking // reading, validating and writing the report are CPU work: on a worker thread, never the event loop
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Validate a theme: field errors and WCAG 2.1 contrast report (200 even when invalid)")
    public Uni<ValidationReport> validate(String body, @QueryParam("level") String level) throws JsonProcessingException {
        Level parsed = Params.oneOf("level", level, Level::named, Level.NAMES);
        // parsed here rather than by the framework's reader, so that every JSON error (trailing tokens included)
        // reaches our problem mappers with its location
        JsonNode tree = mapper.readTree(body == null ? "" : body);
        return Uni.createFrom().item(validator.validate(tree, parsed));
    }
}
