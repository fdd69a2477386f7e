package io.cxone.themes.publish;

import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

import io.cxone.themes.audit.CurrentCaller;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.security.Roles;
import io.cxone.themes.text.HumanNames;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.cxone.themes.web.Params;
import io.smallrye.mutiny.Uni;

/** Four eyes: approve or reject another person's pending publication, and the inbox of what waits for the caller. */
@Path("/api/v1")
@Tag(name = "governance")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.APPROVER)
public class ApprovalResource {
    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_REASON = 500;
    static final String E403 = "The token has no theme-approver role, or (errors[].code same_person) the caller "
            + "requested this publication or approved it already: another approver must decide";
    static final String E409 = "The publication is not PENDING_APPROVAL (errors[].code state; the detail names its "
            + "state), or its approval time ran out";
    static final String E503 = "The database is not reachable right now: retry after Retry-After";

    private final Approvals approvals;
    private final CurrentCaller caller;
    private final ObjectMapper mapper;

    public ApprovalResource(Approvals approvals, CurrentCaller caller, ObjectMapper mapper) {
        this.approvals = approvals;
        this.caller = caller;
        this.mapper = mapper;
    }

    @POST
    @Path("publications/{id}/approve")
    @Operation(operationId = "approvePublication", summary = "Approve another person's pending publication",
            description = "Records the caller's approval of a PENDING_APPROVAL publication. When it is the last one "
                    + "the widget's policy asks for, the publication proceeds: QUEUED (submitted to CXone at once) or "
                    + "SCHEDULED until the policy's next window opens or its notBefore. Role: approver. 403 "
                    + "same_person when the caller requested it or approved it already; 409 state when it is not "
                    + "pending (the detail says what it is) or its approval time ran out; 404 for an unknown id.")
    @APIResponse(responseCode = "200", description = "The publication after the approval (PENDING_APPROVAL while "
            + "approvals are missing, else QUEUED or SCHEDULED)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Publication.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID (format)")
    @APIResponse(responseCode = "403", description = E403)
    @APIResponse(responseCode = "404", description = "No publication has this id")
    @APIResponse(responseCode = "409", description = E409)
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Publication> approve(@PathParam("id") String id) {
        return approvals.approve(uuid(id), caller.get());
    }

    @POST
    @Path("publications/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rejectPublication", summary = "Reject another person's pending publication",
            description = "Ends a PENDING_APPROVAL publication as REJECTED (terminal; nothing reaches CXone), keeping the "
                    + "reason as its failureReason. Role: approver. 400 when reason is missing, empty, longer than 500 "
                    + "characters or holds control characters; 403 same_person when the caller requested it or "
                    + "approved it already; 409 state when it is not pending; 404 for an unknown id.")
    @RequestBody(required = true, description = "Read by a strict JSON reader: exactly the field reason",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RejectRequest.class),
                    examples = @ExampleObject(name = "reject", value = "{\"reason\": \"contrast of the send button is "
                            + "too low; see the accessibility report\"}")))
    @APIResponse(responseCode = "200", description = "The publication, REJECTED", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Publication.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID, or reason is missing or invalid "
            + "(required, type, size, format, unknown_field, json)")
    @APIResponse(responseCode = "403", description = E403)
    @APIResponse(responseCode = "404", description = "No publication has this id")
    @APIResponse(responseCode = "409", description = E409)
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Publication> reject(@PathParam("id") String id, String body) throws JsonProcessingException {
        UUID publication = uuid(id);
        JsonNode json = mapper.readTree(body == null ? "" : body);
        if (json == null || !json.isObject()) {
            throw ApiException.badRequest("$", ErrorCode.TYPE, "the body must be a JSON object {\"reason\": \"…\"}");
        }
        json.fieldNames().forEachRemaining(name -> {
            if (!Set.of("reason").contains(name)) {
                throw ApiException.badRequest(name, ErrorCode.UNKNOWN_FIELD, "is not a field here; the field is reason");
            }
        });
        JsonNode r = json.get("reason");
        if (r == null || r.isNull()) {
            throw ApiException.badRequest("reason", ErrorCode.REQUIRED, "is required: say why, for the requester");
        }
        if (!r.isTextual()) {
            throw ApiException.badRequest("reason", ErrorCode.TYPE, "must be a string");
        }
        String reason = HumanNames.check("reason", HumanNames.strip(r.asText()), 1, MAX_REASON);
        return approvals.reject(publication, reason, caller.get());
    }

    @GET
    @Path("approvals")
    @Operation(operationId = "listApprovals", summary = "List the pending publications waiting for the caller",
            description = "One page (page from 1, size 1 to 100, default 20) of PENDING_APPROVAL publications the "
                    + "caller may approve or reject, oldest first: not their own, not approved by them already, "
                    + "approval time not yet run out. Role: approver. 400 for page/size out of range.")
    @APIResponse(responseCode = "200", description = "One page of pending publications, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApprovalPage.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range (range, type)")
    @APIResponse(responseCode = "503", description = E503)
    public Uni<Page<Publication>> list(
            @Parameter(description = "Page number, from 1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        return approvals.awaiting(caller.get(), PageRequest.parse(page, size, 20, MAX_PAGE_SIZE));
    }

    private static UUID uuid(String id) {
        return Params.uuid("id", id, "a publication id (a UUID)");
    }

    /** The document's name for rejectPublication's body (read field by field above, so the strict reader decides). */
    @Schema(name = "RejectRequest", description = "Why the publication is rejected, for the requester and the audit trail")
    record RejectRequest(@Schema(required = true, minLength = 1, maxLength = MAX_REASON,
            description = "Why, for the requester and the audit trail") String reason) {
    }

    /** The document's name for one page of listApprovals: {@link Page} of {@link Publication} (a generic has no schema name). */
    @Schema(name = "ApprovalPage", description = "One page of pending publications, oldest first: {items, page, pageSize, totalItems}")
    record ApprovalPage(java.util.List<Publication> items, int page, int pageSize, long totalItems) {
    }
}
