package io.cxone.themes.preview;

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
    @Operation(summary = "HTML preview of the widget; an invalid theme is drawn with safe defaults and its errors listed")
    public Uni<String> preview(String body, @QueryParam("level") String level) throws JsonProcessingException {
        Level parsed = Params.oneOf("level", level, Level::named, Level.NAMES);
        // parsed here, like the validation endpoint, so that malformed JSON is a problem+json 400 naming the spot
        JsonNode tree = mapper.readTree(body == null ? "" : body);
        // 400 when the body is not a JSON object: there is no theme to draw
        Theme theme = ThemeJsonReader.read(tree).theme();
        ValidationReport report = validator.validate(tree, parsed);
        return Uni.createFrom().item(previews.render(theme, report));
    }
}
