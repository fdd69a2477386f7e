package io.cxone.themes.preview;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cxone.themes.accessibility.Level;
import io.cxone.themes.accessibility.VisionDeficiency;
import io.cxone.themes.security.Roles;
import io.cxone.themes.web.Params;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /preview/themes/{id}}: a stored draft, or one of its versions, drawn as the preview page. */
@Path("/preview/themes")
@Tag(name = "preview")
@RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
public class StoredPreviewResource {
    private final StoredThemes themes;
    private final PreviewService previews;

    public StoredPreviewResource(StoredThemes themes, PreviewService previews) {
        this.themes = themes;
        this.previews = previews;
    }

    @GET
    @Path("{id}")
    @Produces(PreviewResource.HTML)
    @Operation(operationId = "previewStoredTheme",
            summary = "Preview page of a stored draft (current, or ?version=n, also of a deleted draft); ?level=AAA",
            description = "Draws a stored draft, its current version or version `n` (versions of deleted drafts stay "
                    + "viewable), with its contrast report, as an HTML page. Roles theme-viewer, theme-editor or "
                    + "theme-publisher. A bad id, version or level is a 400 naming it; an unknown id or version a 404. `vision=protanopia|deuteranopia|tritanopia|achromatopsia` draws every colour of the page as seen "
                    + "with that colour vision deficiency (computed on the server).")
    @APIResponse(responseCode = "200", description = "The preview page (HTML, with a Content-Security-Policy nonce)",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "`id` is not a UUID, `version` not a whole number from 1, `level` not AA/AAA, or `vision` not a known kind (`format`, `type`, `range`, `enum`)")
    @APIResponse(responseCode = "404", description = "No theme with this id, or no such version (`not_found`)")
    public Uni<String> preview(@PathParam("id") String id,
            @Parameter(description = "A version number (default: the current version)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("version") String version,
            @Parameter(description = "WCAG level the contrast checks are held to", schema = @Schema(enumeration = { "AA", "AAA" }, defaultValue = "AA")) @QueryParam("level") String level,
            @Parameter(description = "Draw every colour as seen with this colour vision deficiency (computed on the server; absent: typical vision)", schema = @Schema(enumeration = { "protanopia", "deuteranopia", "tritanopia", "achromatopsia" })) @QueryParam("vision") String vision, @Context RoutingContext ctx) {
        Level parsed = Params.oneOf("level", level, Level::named, Level.NAMES);
        VisionDeficiency seenWith = VisionStyles.param(vision);
        Integer n = version == null || version.isBlank() ? null : Params.number("version", version, 1, Integer.MAX_VALUE, null);
        StoredThemes.Ref ref = new StoredThemes.Ref(StoredThemes.id("id", id), n);
        // the nonce is taken now, on the request's own thread: the page and the CSP header must carry the same one
        String nonce = CspNonce.of(ctx);
        return themes.load(ref, parsed).map(side -> previews.render(side.theme(), side.report(), nonce, seenWith));
    }
}
