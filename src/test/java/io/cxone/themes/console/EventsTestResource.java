package io.cxone.themes.console;

import java.time.Duration;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.cxone.themes.security.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Test-only: a server-sent event stream shaped like a sync job's, behind a role, so the console's fetch-based SSE reader
 * is tested (token sent in the header, events parsed) without depending on the sync package's real endpoints.
 */
@Path("/console-test/events")
@RolesAllowed(Roles.VIEWER)
public class EventsTestResource {

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<Map<String, Object>> events() {
        // three events a little apart, by index: ticks with a dropped overflow would skip one when a write is slow
        return Multi.createFrom().range(0, 3)
                .onItem().call(i -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(50)))
                .map(i -> Map.of("state", i < 2 ? "RUNNING" : "COMPLETED_WITH_FAILURES", "total", 4, "synced", i + 1,
                        "failed", i == 2 ? 1 : 0));
    }
}
