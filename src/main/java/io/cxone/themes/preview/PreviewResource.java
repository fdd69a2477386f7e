package io.cxone.themes.preview;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
import io.cxone.themes.accessibility.VisionDeficiency;
import io.cxone.themes.security.Roles;
import io.cxone.themes.theme.Theme;
import io.cxone.themes.theme.ThemeJsonReader;
import io.cxone.themes.theme.ThemeValidator;
import io.cxone.themes.theme.ValidationReport;
import io.cxone.themes.web.Params;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** {@code POST /preview}: a theme's JSON in, the widget preview page with its contrast report out. */
@Path("/preview")
@Tag(name = "preview")
@RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
public class PreviewResource {
    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";
    private final ThemeValidator validator;
    private final PreviewService previews;
    private final ObjectMapper mapper;

    public PreviewResource(ThemeValidator validator, PreviewService previews, ObjectMapper mapper) {
        this.validator = validator;
        this.previews = previews;
        this.mapper = mapper;
    }

    @POST
    @Blocking // parsing, validating and rendering are CPU work: on a worker thread, never the event loop
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(HTML)
    @Operation(operationId = "previewTheme",
            summary = "HTML preview of the widget; an invalid theme is drawn with safe defaults and its errors listed",
            description = "Draws the chat widget for a theme sent in the body, with its contrast report, as an HTML "
                    + "page; nothing is stored. An invalid theme is still drawn (with safe defaults where a value is "
                    + "bad) and its errors listed. Roles theme-viewer, theme-editor or theme-publisher. Malformed JSON, "
                    + "a body that is not a JSON object, or a bad `level` is a 400 problem naming the spot. `vision=protanopia|deuteranopia|tritanopia|achromatopsia` draws every colour of the page as seen "
                    + "with that colour vision deficiency (computed on the server).")
    @RequestBody(required = true, description = "The theme (SPEC section 1)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Theme.class),
                    examples = @ExampleObject(name = "enterpriseDarkMode", summary = "The brief's Enterprise Dark Mode theme",
                            value = Theme.EXAMPLE_JSON)))
    @APIResponse(responseCode = "200", description = "The preview page (HTML, with a Content-Security-Policy nonce)",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a body that is not a JSON object, JSON nested too deeply, or a bad `level` or `vision` (`json`, `json_limit`, `type`, `enum`)")
    @APIResponse(responseCode = "413", description = "The declared body is over 512 KB")
    public Uni<String> preview(String body,
            @Parameter(description = "WCAG level the contrast checks are held to", schema = @Schema(enumeration = { "AA", "AAA" }, defaultValue = "AA")) @QueryParam("level") String level,
            @Parameter(description = "Draw every colour as seen with this colour vision deficiency (computed on the server; absent: typical vision)", schema = @Schema(enumeration = { "protanopia", "deuteranopia", "tritanopia", "achromatopsia" })) @QueryParam("vision") String vision) throws JsonProcessingException {
        Level parsed = Params.oneOf("level", level, Level::named, Level.NAMES);
        VisionDeficiency seenWith = VisionStyles.param(vision);
        // parsed here, like the validation endpoint, so that malformed JSON is a problem+json 400 naming the spot
        JsonNode tree = mapper.readTree(body == null ? "" : body);
        // 400 when the body is not a JSON object: there is no theme to draw
        Theme theme = ThemeJsonReader.read(tree).theme();
        ValidationReport report = validator.validate(tree, parsed);
        return Uni.createFrom().item(previews.render(theme, report, seenWith));
    }
}
