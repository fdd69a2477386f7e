package io.cxone.themes.theme.draft;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.audit.CurrentCaller;
import io.cxone.themes.idempotency.Idempotency;
import io.cxone.themes.idempotency.Once;
import io.cxone.themes.security.Roles;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.cxone.themes.web.Params;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** Theme drafts: {@code /api/v1/themes} and each draft's immutable versions. */
@Path("/api/v1/themes")
@Tag(name = "themes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.EDITOR, Roles.PUBLISHER })
public class DraftResource {
    static final int MAX_PAGE_SIZE = 100;

    private final DraftService drafts;
    private final CurrentCaller caller;
    private final ObjectMapper mapper;
    private final Idempotency idempotency;

    public DraftResource(DraftService drafts, CurrentCaller caller, ObjectMapper mapper, Idempotency idempotency) {
        this.idempotency = idempotency;
        this.drafts = drafts;
        this.caller = caller;
        this.mapper = mapper;
    }

    @POST
    @Blocking // the theme is parsed and validated before anything is stored: CPU work, off the event loop
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(summary = "Create a draft (version 1); an invalid theme is 400 with the full report, nothing stored")
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER, description = Idempotency.DESCRIPTION)
    public Uni<Response> create(String body) throws JsonProcessingException {
        JsonNode theme = parse(body);
        Once<DraftView> once = idempotency.once(body, DraftResource::created);
        return once.run(() -> drafts.create(theme, caller.get(), "created", null, null, once));
    }

    /** 201 with Location and ETag: a created or imported draft. */
    static Response created(DraftView draft) {
        return Response.created(URI.create("/api/v1/themes/" + draft.id())).tag(Etags.header(draft.version()))
                .entity(draft).build();
    }

    @GET
    @Operation(summary = "Drafts, most recently changed first (page from 1, size up to 100)")
    public Uni<Page<DraftView>> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return drafts.list(PageRequest.parse(page, size, 20, MAX_PAGE_SIZE));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A draft with its contrast report; ETag for If-Match")
    public Uni<Response> get(@PathParam("id") String id) {
        return drafts.get(uuid(id)).map(draft -> Response.ok(draft).tag(Etags.header(draft.version())).build());
    }

    @PUT
    @Blocking // parsed and validated like create
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(summary = "Save a new version; needs If-Match (missing 428, stale 412)")
    public Uni<Response> update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            String body) throws JsonProcessingException {
        UUID themeId = uuid(id);
        JsonNode theme = parse(body);
        return drafts.update(themeId, theme, ifMatch, caller.get())
                .map(draft -> Response.ok(draft).tag(Etags.header(draft.version())).build());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.EDITOR)
    @Operation(summary = "Delete a draft (its versions are kept); needs If-Match")
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return drafts.delete(uuid(id), ifMatch, caller.get()).map(done -> Response.noContent().build());
    }

    @GET
    @Path("{id}/versions")
    @Operation(summary = "Every version of a theme, oldest first (also after the draft was deleted)")
    public Uni<List<VersionView>> versions(@PathParam("id") String id) {
        return drafts.versions(uuid(id));
    }

    @GET
    @Path("{id}/versions/{n}")
    @Operation(summary = "One immutable version")
    public Uni<VersionView> version(@PathParam("id") String id, @PathParam("n") String n) {
        return drafts.version(uuid(id), Params.number("n", n, 1, Integer.MAX_VALUE, null));
    }

    @GET
    @Path("{id}/diff")
    @Operation(summary = "Field-level changes between two versions: [{path, old, new, kind}]")
    public Uni<DiffView> diff(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        return drafts.diff(uuid(id), Params.number("from", from, 1, Integer.MAX_VALUE, null),
                Params.number("to", to, 1, Integer.MAX_VALUE, null));
    }

    private JsonNode parse(String body) throws JsonProcessingException {
        // parsed here so that malformed JSON reaches the problem mappers with its location, like /validate
        return mapper.readTree(body == null ? "" : body);
    }

    static UUID uuid(String id) {
        return Params.uuid("id", id, "a theme id (a UUID)");
    }
}
