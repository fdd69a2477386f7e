package io.cxone.themes.preview;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

/** {@code GET /preview/compare?left=&right=}: two stored themes or versions side by side, with the fields that differ. */
@Path("/preview/compare")
@Tag(name = "preview")
@RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
public class ComparePreviewResource {
    private final StoredThemes themes;
    private final PreviewService previews;

    public ComparePreviewResource(StoredThemes themes, PreviewService previews) {
        this.themes = themes;
        this.previews = previews;
    }

    @GET
    @Produces(PreviewResource.HTML)
    @Operation(operationId = "comparePreviews",
            summary = "Each side is {themeId} (current) or {themeId}@{version}: before/after of one theme, or A/B variants",
            description = "Draws two stored themes or versions side by side as one HTML page, with their contrast "
                    + "reports and the fields that differ: `left=ID@1&right=ID` is before/after of one theme, "
                    + "`left=A&right=B` two A/B variants. Roles theme-viewer, theme-editor or theme-publisher. A missing "
                    + "or malformed side or level is a 400 naming it; an unknown id or version a 404. `vision=protanopia|deuteranopia|tritanopia|achromatopsia` draws every colour of the page as seen "
                    + "with that colour vision deficiency (computed on the server).")
    @APIResponse(responseCode = "200", description = "The preview page (HTML, with a Content-Security-Policy nonce)",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "`left` or `right` is missing or not {themeId} or {themeId}@{version}, `level` not AA/AAA, or `vision` not a known kind (`required`, `format`, `range`, `enum`)")
    @APIResponse(responseCode = "404", description = "No theme with this id, or no such version (`not_found`)")
    public Uni<String> compare(
            @Parameter(required = true, description = "{themeId} (current version) or {themeId}@{version}", example = "3f0c9a52-6d1e-4c1b-9a57-0d2b8e4f7a11@1") @QueryParam("left") String left,
            @Parameter(required = true, description = "{themeId} (current version) or {themeId}@{version}", example = "3f0c9a52-6d1e-4c1b-9a57-0d2b8e4f7a11") @QueryParam("right") String right,
            @Parameter(description = "WCAG level the contrast checks are held to", schema = @Schema(enumeration = { "AA", "AAA" }, defaultValue = "AA")) @QueryParam("level") String level,
            @Parameter(description = "Draw every colour as seen with this colour vision deficiency (computed on the server; absent: typical vision)", schema = @Schema(enumeration = { "protanopia", "deuteranopia", "tritanopia", "achromatopsia" })) @QueryParam("vision") String vision, @Context RoutingContext ctx) {
        Level parsed = Params.oneOf("level", level, Level::named, Level.NAMES);
        VisionDeficiency seenWith = VisionStyles.param(vision);
        StoredThemes.Ref leftRef = StoredThemes.parse("left", left);
        StoredThemes.Ref rightRef = StoredThemes.parse("right", right);
        String nonce = CspNonce.of(ctx); // taken before the database calls: header and page share it
        return themes.load(leftRef, parsed).chain(l -> themes.load(rightRef, parsed).map(r -> previews.compare(
                l.label(), l.theme(), l.report(), r.label(), r.theme(), r.report(), nonce, seenWith)));
    }
}
