package io.cxone.themes.log;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.jboss.logging.Logger;

import io.cxone.themes.audit.CurrentCaller;
import io.cxone.themes.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Test-only: logs one line while serving a request, on a worker thread (a blocking resource method) or after a Vert.x
 * timer (what a database or CXone callback is), and answers the request ids {@link CurrentCaller} gave it, so that
 * {@link LogContextTest} can compare the log line's MDC with what the audit trail would record.
 */
@Path("/log-context-test")
@RolesAllowed(Roles.VIEWER)
public class LogProbeResource {
    private static final Logger LOG = Logger.getLogger(LogProbeResource.class);

    @Inject
    CurrentCaller caller;
    @Inject
    Vertx vertx;

    @GET
    @Path("/blocking")
    public List<String> blocking(@QueryParam("tag") String tag) {
        LOG.infof("log probe %s", tag);
        return List.of(caller.get().requestId(), caller.get().requestId());
    }

    @GET
    @Path("/async")
    public Uni<List<String>> async(@QueryParam("tag") String tag) {
        return Uni.createFrom().<Long>emitter(emitter -> vertx.setTimer(5, emitter::complete)).map(ignored -> {
            LOG.infof("log probe %s", tag);
            return List.of(caller.get().requestId(), caller.get().requestId());
        });
    }
}
