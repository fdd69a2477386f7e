package io.cxone.themes.preview;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cxone.themes.accessibility.Level;
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
    @Operation(summary = "Each side is {themeId} (current) or {themeId}@{version}: before/after of one theme, or A/B variants")
    public Uni<String> compare(@QueryParam("left") String left, @QueryParam("right") String right,
            @QueryParam("level") String level, RoutingContext ctx) {
        Level parsed = Params.oneOf("level", level, Level::named, Level.NAMES);
        StoredThemes.Ref leftRef = StoredThemes.parse("left", left);
        StoredThemes.Ref rightRef = StoredThemes.parse("right", right);
        String nonce = CspNonce.of(ctx); // taken before the database calls: header and page share it
        return themes.load(leftRef, parsed).chain(l -> themes.load(rightRef, parsed).map(r -> previews.compare(
                l.label(), l.theme(), l.report(), r.label(), r.theme(), r.report(), nonce)));
    }
}
