package io.cxone.themes.cxone;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.cxone.themes.problem.FieldError;
import io.cxone.themes.problem.Problem;
import io.cxone.themes.web.ProblemMappers;

/** Upstream failures as our callers see them: 502 (CXone failed), 503 (throttled or paused), 504 (too slow). */
public class CxoneProblemMapper {
    private static final Logger LOG = Logger.getLogger(CxoneProblemMapper.class);
    /** How long the circuit breaker stays open; said to callers as Retry-After. */
    static final String BREAKER_RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response upstream(CxoneException e, UriInfo uri) {
        LOG.warnf("CXone call for %s failed: %s", uri.getPath(), e.getMessage());
        Problem problem = problemFor(e);
        String retryAfter = problem.status() == 503
                ? e.retryAfter().map(wait -> String.valueOf(Math.max(1, wait.toSeconds()))).orElse(null)
                : null;
        return respond(problem, uri, retryAfter);
    }

    @ServerExceptionMapper
    public Response breakerOpen(CircuitBreakerOpenException e, UriInfo uri) {
        return respond(Problem.of(503, "CXone Unavailable", "Calls to CXone are paused for a few seconds after repeated "
                + "failures (circuit breaker open); retry after the Retry-After delay."), uri, BREAKER_RETRY_AFTER_SECONDS);
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException e, UriInfo uri) {
        return respond(Problem.of(504, "CXone Timeout", "CXone did not answer in time, even after retries; retry later."),
                uri, null);
    }

    static Problem problemFor(CxoneException e) {
        // CXone's own field errors, structured and cleaned; never its raw body (the log above has the message)
        List<FieldError> cxoneErrors = CxoneErrors.fieldErrors(e.body());
        String upstream = cxoneErrors.isEmpty() ? "" : " CXone's field errors are in 'errors'.";
        Problem problem = basicProblemFor(e, upstream);
        return cxoneErrors.isEmpty() ? problem : problem.withErrors(cxoneErrors);
    }

    private static Problem basicProblemFor(CxoneException e, String upstream) {
        if (e instanceof CxoneException.Throttled) {
            return Problem.of(503, "CXone Throttling", "CXone kept answering 429 Too Many Requests after our retries; "
                    + "retry later." + upstream);
        }
        if (e instanceof CxoneException.Transient && e.code() == 0) {
            return Problem.of(502, "CXone Unreachable", e.getMessage() + " (after retries); check CXONE_BASE_URL "
                    + "and the network, then retry.");
        }
        if (e instanceof CxoneException.Unauthorized) {
            return Problem.of(502, "CXone Authentication Failed", "CXone refused our access token even after a refresh; "
                    + "check CXONE_CLIENT_ID, CXONE_CLIENT_SECRET (or the access key) and their scopes.");
        }
        if (e instanceof CxoneException.Transient) {
            return Problem.of(502, "CXone Error", e.getMessage() + " after our retries; retry later." + upstream);
        }
        return Problem.of(502, "CXone Rejected The Request", e.getMessage() + "." + upstream);
    }

    private static Response respond(Problem problem, UriInfo uri, String retryAfter) {
        Response.ResponseBuilder builder = ProblemMappers.builder(problem, uri);
        if (retryAfter != null) {
            builder.header("Retry-After", retryAfter);
        }
        return builder.build();
    }
}
