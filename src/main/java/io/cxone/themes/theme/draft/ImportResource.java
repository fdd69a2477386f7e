package io.cxone.themes.theme.draft;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.audit.Caller;
import io.cxone.themes.audit.CurrentCaller;
import io.cxone.themes.idempotency.Idempotency;
import io.cxone.themes.idempotency.Once;
import io.cxone.themes.livechannel.ChannelClient;
import io.cxone.themes.livechannel.ChannelMapping;
import io.cxone.themes.livechannel.ChannelRequest;
import io.cxone.themes.security.Roles;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** {@code POST /api/v1/themes/import}: a draft from the live CXone chat window, with its contrast report. */
@Path("/api/v1/themes/import")
@Tag(name = "themes")
public class ImportResource {
    private final ChannelClient channels;
    private final DraftService drafts;
    private final CurrentCaller caller;
    private final ObjectMapper mapper;
    private final Idempotency idempotency;

    public ImportResource(ChannelClient channels, DraftService drafts, CurrentCaller caller, ObjectMapper mapper,
            Idempotency idempotency) {
        this.idempotency = idempotency;
        this.channels = channels;
        this.drafts = drafts;
        this.caller = caller;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.EDITOR)
    @Operation(operationId = "importChannel", summary = "Import {brandId, channelId, env, domain}: 201 with the draft, its contrast report and "
            + "mapping notes (an inaccessible live appearance is imported as it is, and the report shows it)",
            description = "Reads the live CXone chat window's appearance and stores it as a new draft (docs/import.md): "
                    + "the draft, its contrast report and the mapping notes. Role theme-editor. Each value is held to a "
                    + "pattern and the host to the SSRF rules (400 `not_allowed`); an unknown channel is a 404. CXone "
                    + "failures are 502, 503 (with Retry-After: retry then) or 504, with a request id to give your "
                    + "operator. Send an Idempotency-Key to retry safely: a retry of a committed import is not fetched again.")
    @RequestBody(required = true, description = "Which live chat channel to import; read strictly (unknown fields are 400)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChannelRequest.class),
                    examples = @ExampleObject(name = "channel", summary = "A CXone chat channel",
                            value = "{\"brandId\": \"4600217\", \"channelId\": \"chat_7f3c2a9e\", \"env\": \"c1\", "
                                    + "\"domain\": \"niceincontact.com\"}")))
    @APIResponse(responseCode = "201", description = "The imported draft, version 1, with its contrast report and mapping notes",
            headers = { @Header(name = "Location", description = "The draft: /api/v1/themes/{id}", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = "\"v1\": send it as If-Match to change or delete the draft", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DraftView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a missing or malformed field (`required`, `format`, `unknown_field`), or a host the SSRF rules refuse (`not_allowed`)")
    @APIResponse(responseCode = "404", description = "CXone has no such channel (`not_found`): check brandId, channelId, env and domain")
    @APIResponse(responseCode = "409", description = "The first request with this Idempotency-Key is still running (`idempotency_in_progress`): retry after Retry-After with the same key and body",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before the retry", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "413", description = "The declared body is over 512 KB")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another request (`idempotency_key_reused`): use a new key")
    @APIResponse(responseCode = "502", description = "CXone failed or refused the read: retry later, or give your operator the request id in `detail`")
    @APIResponse(responseCode = "503", description = "CXone is throttling us or calls are paused by the circuit breaker: retry after Retry-After",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before the retry (when CXone gave one)", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "504", description = "CXone was too slow: retry later")
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER, description = Idempotency.DESCRIPTION)
    public Uni<Response> importChannel(String body) throws JsonProcessingException {
        ChannelRequest request = mapper.treeToValue(mapper.readTree(body == null ? "" : body), ChannelRequest.class);
        URI url = channels.url(request); // validates every value before anything is fetched
        Caller who = caller.get();
        Once<DraftView> once = idempotency.once(body, DraftResource::created);
        // a retry of a keyed import that committed is answered from its record: the channel is not fetched again
        // mapping and validating the fetched appearance are CPU work: off the event loop that completed the fetch
        return once.run(() -> channels.fetch(request)
                .onFailure().transform(failure -> ImportFailures.forCaller(failure, request, who.requestId()))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(appearance -> {
            ChannelMapping.Result mapped = ChannelMapping.map(request, appearance);
            ObjectNode source = mapper.createObjectNode().put("brandId", request.brandId())
                    .put("channelId", request.channelId()).put("env", request.env()).put("domain", request.domain())
                    .put("url", url.toString());
            source.set("notes", mapper.valueToTree(mapped.notes()));
            return drafts.create(mapped.theme(), who, "imported", source, mapped.notes(), once);
        }));
    }
}
