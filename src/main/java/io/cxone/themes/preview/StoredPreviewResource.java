package io.cxone.themes.preview;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cxone.themes.accessibility.Level;
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
    @Operation(summary = "Preview page of a stored draft (current, or ?version=n, also of a deleted draft); ?level=AAA")
    public Uni<String> preview(@PathParam("id") String id, @QueryParam("version") String version,
            @QueryParam("level") String level, RoutingContext ctx) {
        Level parsed = Params.oneOf("level", level, Level::named, Level.NAMES);
        Integer n = version == null || version.isBlank() ? null : Params.number("version", version, 1, Integer.MAX_VALUE, null);
        StoredThemes.Ref ref = new StoredThemes.Ref(StoredThemes.id("id", id), n);
        // the nonce is taken now, on the request's own thread: the page and the CSP header must carry the same one
        String nonce = CspNonce.of(ctx);
        return themes.load(ref, parsed).map(side -> previews.render(side.theme(), side.report(), nonce));
    }
}
