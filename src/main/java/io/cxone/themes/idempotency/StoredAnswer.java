package io.cxone.themes.idempotency;

import java.net.URI;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a keyed creating request answered, as it is stored and replayed: status, the headers that matter to a client
 * (Location, ETag, Content-Type) and the body byte for byte. The first request is answered from this very record, so
 * it and every replay are the same bytes. The Location keeps only its path: each answer makes it absolute against the
 * instance and host the caller asked (a retry through another instance gets a Location that works from there).
 */
record StoredAnswer(int status, String location, String etag, String contentType, byte[] body) {
    /** Stripe's header on answers that were replayed rather than made now (absent on the first answer). */
    static final String REPLAYED = "Idempotent-Replayed";

    static StoredAnswer of(Response response, ObjectMapper mapper) {
        Object entity = response.getEntity();
        byte[] body;
        try {
            body = entity == null ? new byte[0] : entity instanceof byte[] bytes ? bytes : mapper.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the answer to a keyed request could not be serialized", e);
        }
        URI location = response.getLocation();
        MediaType type = response.getMediaType();
        return new StoredAnswer(response.getStatus(), location == null ? null : path(location),
                response.getHeaderString(HttpHeaders.ETAG),
                type == null ? MediaType.APPLICATION_JSON : type.toString(), body);
    }

    Response toResponse(boolean replayed) {
        Response.ResponseBuilder builder = Response.status(status).entity(body).type(contentType);
        if (location != null) {
            builder.location(URI.create(location));
        }
        if (etag != null) {
            builder.header(HttpHeaders.ETAG, etag);
        }
        if (replayed) {
            builder.header(REPLAYED, "true");
        }
        return builder.build();
    }

    private static String path(URI location) {
        String path = location.getRawPath();
        return location.getRawQuery() == null ? path : path + "?" + location.getRawQuery();
    }
}
