package io.cxone.themes.theme;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    @Operation(operationId = "validateTheme",
            summary = "Validate a theme: field errors and WCAG 2.1 contrast report (200 even when invalid)",
            description = "Checks a theme without storing anything and answers the full report: `valid`, every field "
                    + "error (`errors[]` with JSON path, code and message) and every WCAG 2.1 contrast check "
                    + "(`contrast[]`, with a suggested colour for each failing pair). An invalid theme is still a 200: "
                    + "read `valid`. Any of the roles theme-viewer, theme-editor, theme-publisher or auditor. A body "
                    + "that is not JSON or not a JSON object, or a bad `level`, is a 400 problem naming the spot; fix "
                    + "the body and send it again.")
    @RequestBody(required = true, description = "The theme (SPEC section 1). Read strictly: unknown fields, "
            + "numbers in strings and fractional integers are reported as field errors in the report.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Theme.class),
                    examples = @ExampleObject(name = "enterpriseDarkMode", summary = "The brief's Enterprise Dark Mode theme",
                            value = Theme.EXAMPLE_JSON)))
    @APIResponse(responseCode = "200", description = "The report, valid or not",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ValidationReport.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a body that is not a JSON object, JSON nested "
            + "too deeply, or a bad `level` (`json`, `json_limit`, `type`, `enum`)")
    @APIResponse(responseCode = "413", description = "The declared body is over 512 KB")
    public Uni<ValidationReport> validate(String body,
            @Parameter(description = "WCAG level the contrast checks are held to", schema = @Schema(enumeration = {
                    "AA", "AAA" }, defaultValue = "AA")) @QueryParam("level") String level) throws JsonProcessingException {
        Level parsed = Params.oneOf("level", level, Level::named, Level.NAMES);
        // parsed here rather than by the framework's reader, so that every JSON error (trailing tokens included)
        // reaches our problem mappers with its location
        JsonNode tree = mapper.readTree(body == null ? "" : body);
        return Uni.createFrom().item(validator.validate(tree, parsed));
    }
}
