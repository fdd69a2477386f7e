package io.cxone.themes.simulator;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * JSON in and out of the simulator: snake_case on the CXone wire, camelCase on the admin API. Application-scoped, so
 * made (with its two ObjectMappers) when the first simulator request needs it, not when the routes are mounted at
 * start: making the service's first ObjectMapper loads ~500 classes of Jackson, which readiness does not need.
 */
@ApplicationScoped
public class WireJson {
    private final ObjectMapper wire;
    private final ObjectMapper admin;

    public WireJson(ObjectMapper mapper) {
        this.wire = mapper.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.admin = mapper.copy();
    }

    /** The request body as a JSON object; a missing or malformed body is a 400 naming {@code $}. */
    JsonNode body(RoutingContext ctx) {
        Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            throw SimFailure.of(400, "$", "a JSON body is required");
        }
        try {
            JsonNode node = wire.readTree(buffer.getBytes());
            if (node == null || !node.isObject()) {
                throw SimFailure.of(400, "$", "expected a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw SimFailure.of(400, "$", "not valid JSON");
        }
    }

    void send(RoutingContext ctx, SimResponse response) {
        write(ctx, wire, response);
    }

    void sendCamel(RoutingContext ctx, SimResponse response) {
        write(ctx, admin, response);
    }

    private static void write(RoutingContext ctx, ObjectMapper mapper, SimResponse response) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        response.headers().forEach(ctx.response()::putHeader);
        ctx.response().setStatusCode(response.status());
        if (response.body() == null) {
            ctx.response().end();
            return;
        }
        try {
            ctx.response().putHeader("Content-Type", "application/json").end(mapper.writeValueAsString(response.body()));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
