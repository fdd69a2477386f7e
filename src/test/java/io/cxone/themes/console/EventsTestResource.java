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
        return Multi.createFrom().ticks().every(Duration.ofMillis(50)).onOverflow().drop().select().first(3).map(tick -> Map.of(
                "state", tick < 2 ? "RUNNING" : "COMPLETED_WITH_FAILURES", "total", 4, "synced", tick + 1,
                "failed", tick == 2 ? 1 : 0));
    }
}
