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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
    @Operation(summary = "Import {brandId, channelId, env, domain}: 201 with the draft, its contrast report and "
            + "mapping notes (an inaccessible live appearance is imported as it is, and the report shows it)")
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
