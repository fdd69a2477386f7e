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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
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

import io.cxone.themes.audit.CurrentCaller;
import io.cxone.themes.idempotency.Idempotency;
import io.cxone.themes.idempotency.Once;
import io.cxone.themes.security.Roles;
import io.cxone.themes.theme.Theme;
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
    @Operation(operationId = "createDraft",
            summary = "Create a draft (version 1); an invalid theme is 400 with the full report, nothing stored",
            description = "Stores a valid theme as a new draft, version 1, and answers it with its contrast report, its "
                    + "Location and its ETag. Role theme-editor. An invalid theme is a 400 whose problem carries the full "
                    + "validation report in `report`: fix the fields it names. Send an Idempotency-Key to retry safely "
                    + "after a timeout or a 503.")
    @RequestBody(required = true, description = "The theme (SPEC section 1), read strictly: unknown fields, numbers in "
            + "strings and fractional integers are field errors",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Theme.class),
                    examples = @ExampleObject(name = "enterpriseDarkMode", summary = "The brief's Enterprise Dark Mode theme",
                            value = Theme.EXAMPLE_JSON)))
    @APIResponse(responseCode = "201", description = "The draft, version 1, with its contrast report",
            headers = { @Header(name = "Location", description = "The draft: /api/v1/themes/{id}", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = "\"v1\": send it as If-Match to change or delete the draft", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DraftView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, or an invalid theme: `errors[]` name the fields and `report` is the full validation report")
    @APIResponse(responseCode = "409", description = "The first request with this Idempotency-Key is still running (`idempotency_in_progress`): retry after Retry-After with the same key and body",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before the retry", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another request (`idempotency_key_reused`): use a new key")
    @APIResponse(responseCode = "413", description = "The declared body is over 512 KB")
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
    @Operation(operationId = "listDrafts", summary = "Drafts, most recently changed first (page from 1, size up to 100)",
            description = "One page of the drafts (deleted ones are left out), most recently changed first. Roles "
                    + "theme-viewer, theme-editor or theme-publisher. A `page` or `size` out of range is a 400 naming it.")
    @APIResponse(responseCode = "200", description = "One page of drafts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DraftPage.class)))
    @APIResponse(responseCode = "400", description = "`page` or `size` is not a whole number or out of range (`type`, `range`)")
    public Uni<Page<DraftView>> list(
            @Parameter(description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        return drafts.list(PageRequest.parse(page, size, 20, MAX_PAGE_SIZE));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getDraft", summary = "A draft with its contrast report; ETag for If-Match",
            description = "The current version of a draft with its contrast report and its ETag (send it as If-Match "
                    + "to update or delete). Roles theme-viewer, theme-editor or theme-publisher. An unknown or deleted "
                    + "id is a 404; its versions stay readable at /versions.")
    @APIResponse(responseCode = "200", description = "The draft", headers = @Header(name = "ETag", description = "The version as a strong entity tag (\"v3\"): send it as If-Match to change or delete the draft", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DraftView.class)))
    @APIResponse(responseCode = "400", description = "`id` is not a UUID (`format`)")
    @APIResponse(responseCode = "404", description = "No theme with this id, or it was deleted (`not_found`); GET /api/v1/themes lists the drafts")
    public Uni<Response> get(@PathParam("id") String id) {
        return drafts.get(uuid(id)).map(draft -> Response.ok(draft).tag(Etags.header(draft.version())).build());
    }

    @PUT
    @Blocking // parsed and validated like create
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "updateDraft", summary = "Save a new version; needs If-Match (missing 428, stale 412)",
            description = "Saves the theme as the draft's next version (unchanged content saves nothing and answers the "
                    + "current version). Role theme-editor. If-Match is required: missing is 428, stale is 412 (GET the "
                    + "draft again, reapply your change, retry). An invalid theme is a 400 with the full report.")
    @RequestBody(required = true, description = "The theme (SPEC section 1), read strictly: unknown fields, numbers in "
            + "strings and fractional integers are field errors",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Theme.class),
                    examples = @ExampleObject(name = "enterpriseDarkMode", summary = "The brief's Enterprise Dark Mode theme",
                            value = Theme.EXAMPLE_JSON)))
    @APIResponse(responseCode = "200", description = "The draft at its new version", headers = @Header(name = "ETag", description = "The version as a strong entity tag (\"v3\"): send it as If-Match to change or delete the draft", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DraftView.class)))
    @APIResponse(responseCode = "400", description = "`id` is not a UUID, malformed JSON, or an invalid theme (`report` is the full validation report)")
    @APIResponse(responseCode = "404", description = "No theme with this id, or it was deleted (`not_found`); GET /api/v1/themes lists the drafts")
    @APIResponse(responseCode = "412", description = "If-Match is stale: the theme changed since you read it; GET it again, reapply, retry")
    @APIResponse(responseCode = "428", description = "If-Match is missing: GET the draft and send its ETag")
    @APIResponse(responseCode = "413", description = "The declared body is over 512 KB")
    public Uni<Response> update(@PathParam("id") String id,
            @Parameter(name = HttpHeaders.IF_MATCH, in = ParameterIn.HEADER, required = true, description = "The ETag of the draft as you last read it (\"v3\"); missing is 428, stale is 412", schema = @Schema(type = SchemaType.STRING)) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            String body) throws JsonProcessingException {
        UUID themeId = uuid(id);
        JsonNode theme = parse(body);
        return drafts.update(themeId, theme, ifMatch, caller.get())
                .map(draft -> Response.ok(draft).tag(Etags.header(draft.version())).build());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "deleteDraft", summary = "Delete a draft (its versions are kept); needs If-Match",
            description = "Deletes the draft; its versions stay readable and previewable. Role theme-editor. If-Match "
                    + "is required: missing is 428, stale is 412 (GET the draft again and decide).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "`id` is not a UUID (`format`)")
    @APIResponse(responseCode = "404", description = "No theme with this id, or it was deleted (`not_found`); GET /api/v1/themes lists the drafts")
    @APIResponse(responseCode = "412", description = "If-Match is stale: the theme changed since you read it; GET it again, reapply, retry")
    @APIResponse(responseCode = "428", description = "If-Match is missing: GET the draft and send its ETag")
    public Uni<Response> delete(@PathParam("id") String id,
            @Parameter(name = HttpHeaders.IF_MATCH, in = ParameterIn.HEADER, required = true, description = "The ETag of the draft as you last read it (\"v3\"); missing is 428, stale is 412", schema = @Schema(type = SchemaType.STRING)) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return drafts.delete(uuid(id), ifMatch, caller.get()).map(done -> Response.noContent().build());
    }

    @GET
    @Path("{id}/versions")
    @Operation(operationId = "listDraftVersions",
            summary = "Every version of a theme, oldest first (also after the draft was deleted)",
            description = "Every immutable version of the theme with its content hash, oldest first; also after the "
                    + "draft was deleted. Roles theme-viewer, theme-editor or theme-publisher. An unknown id is a 404.")
    @APIResponse(responseCode = "200", description = "The versions, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = VersionView.class)))
    @APIResponse(responseCode = "400", description = "`id` is not a UUID (`format`)")
    @APIResponse(responseCode = "404", description = "No theme with this id (`not_found`)")
    public Uni<List<VersionView>> versions(@PathParam("id") String id) {
        return drafts.versions(uuid(id));
    }

    @GET
    @Path("{id}/versions/{n}")
    @Operation(operationId = "getDraftVersion", summary = "One immutable version",
            description = "Version `n` of the theme, with its content hash; also of a deleted draft. Roles theme-viewer, "
                    + "theme-editor or theme-publisher. An unknown id or version is a 404; GET /versions lists them.")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VersionView.class)))
    @APIResponse(responseCode = "400", description = "`id` is not a UUID or `n` not a whole number from 1 (`format`, `type`, `range`)")
    @APIResponse(responseCode = "404", description = "No theme with this id, or no such version (`not_found`)")
    public Uni<VersionView> version(@PathParam("id") String id,
            @Parameter(description = "The version number, from 1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @PathParam("n") String n) {
        return drafts.version(uuid(id), Params.number("n", n, 1, Integer.MAX_VALUE, null));
    }

    @GET
    @Path("{id}/diff")
    @Operation(operationId = "diffDraftVersions",
            summary = "Field-level changes between two versions: [{path, old, new, kind}]",
            description = "The fields that differ between versions `from` and `to` of one theme, each with its JSON "
                    + "path, old and new value and kind. Roles theme-viewer, theme-editor or theme-publisher. A missing "
                    + "or bad `from`/`to` is a 400 naming it; an unknown id or version a 404.")
    @APIResponse(responseCode = "200", description = "The changes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DiffView.class)))
    @APIResponse(responseCode = "400", description = "`id` is not a UUID, or `from`/`to` missing or not a whole number from 1 (`format`, `required`, `type`, `range`)")
    @APIResponse(responseCode = "404", description = "No theme with this id, or no such version (`not_found`)")
    public Uni<DiffView> diff(@PathParam("id") String id,
            @Parameter(required = true, description = "The older version number", schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("from") String from,
            @Parameter(required = true, description = "The newer version number", schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("to") String to) {
        return drafts.diff(uuid(id), Params.number("from", from, 1, Integer.MAX_VALUE, null),
                Params.number("to", to, 1, Integer.MAX_VALUE, null));
    }

    private JsonNode parse(String body) throws JsonProcessingException {
        // parsed here so that malformed JSON reaches the problem mappers with its location, like /validate
        return mapper.readTree(body == null ? "" : body);
    }

    /** The document's name for one page of drafts: {@link Page} of {@link DraftView} (a generic has no schema name). */
    @Schema(name = "DraftPage", description = "One page of drafts: {items, page, pageSize, totalItems}")
    record DraftPage(List<DraftView> items, int page, int pageSize, long totalItems) {
    }

    static UUID uuid(String id) {
        return Params.uuid("id", id, "a theme id (a UUID)");
    }
}
