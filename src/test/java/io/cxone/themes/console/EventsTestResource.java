package io.cxone.themes.console;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.cxone.themes.security.Roles;
import io.cxone.themes.sync.SyncJobView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Test-only: a server-sent event stream of a sync job's real view ({@link SyncJobView}, as the sync job stream sends it),
 * behind a role, so the console's fetch-based SSE reader is tested (token sent in the header, events parsed and shown)
 * without running a sync job.
 */
@Path("/console-test/events")
@RolesAllowed(Roles.VIEWER)
public class EventsTestResource {

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<SyncJobView> events() {
        UUID id = UUID.randomUUID();
        Instant started = Instant.now();
        // three events a little apart, by index: ticks with a dropped overflow would skip one when a write is slow
        return Multi.createFrom().range(0, 3)
                .onItem().call(i -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(50)))
                .map(i -> {
                    boolean last = i == 2;
                    int failed = last ? 1 : 0;
                    return new SyncJobView(id, UUID.randomUUID(), UUID.randomUUID(), false,
                            last ? "COMPLETED_WITH_FAILURES" : "RUNNING", 4, i + 1, 0, failed, 4 - (i + 1) - failed,
                            null, null, 100, "tester", started, started, last ? Instant.now() : null, null);
                });
    }
}
