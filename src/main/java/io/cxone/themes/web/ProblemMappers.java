package io.cxone.themes.web;

import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.cxone.themes.db.DatabaseFailures;
import io.cxone.themes.log.RateLimitedLog;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.problem.Problem;
import io.cxone.themes.text.Text;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Turns every failure into an RFC 9457 problem document; nothing leaves as a bare 500 or an HTML page. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Seconds a caller should wait before retrying while the database is out of reach. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;
    /**
     * The attribute of an {@link AuthenticationFailedException} whose value is the 401's detail: a check of the token's
     * claims (security.TokenClaimsCheck) says there which claim it refused, never the claim's value. Declared here, by
     * the reader, so that the security checks depend on the mappers and not the other way round.
     */
    public static final String UNAUTHORIZED_DETAIL = "cxone.token-claim";
    private static final RateLimitedLog DATABASE_WARNINGS = new RateLimitedLog(LOG, java.time.Duration.ofMinutes(1));

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        Response.ResponseBuilder builder = builder(e.problem(), uri);
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        String detail = e instanceof AuthenticationFailedException failed
                && failed.getAttribute(UNAUTHORIZED_DETAIL) instanceof String claim ? claim
                        : "A valid bearer token is required: send 'Authorization: Bearer <JWT>' signed by the configured issuer.";
        return builder(Problem.of(401, "Unauthorized", detail), uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "Forbidden",
                "Your token lacks the role this operation needs; ask your administrator for it."), uri);
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e, UriInfo uri) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
        return respond(Problem.of(400, "Bad Request", "The body is not valid JSON" + where + ": "
                + JsonPaths.truncate(e.getOriginalMessage())).withErrors(List.of(new FieldError("$", ErrorCode.JSON, "not valid JSON"))), uri);
    }

    @ServerExceptionMapper
    public Response limits(StreamConstraintsException e, UriInfo uri) {
        return respond(Problem.of(400, "Bad Request", "The body exceeds a JSON limit: "
                + JsonPaths.truncate(e.getOriginalMessage())).withErrors(List.of(new FieldError("$", ErrorCode.JSON_LIMIT, "too deep or too large"))), uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String path = JsonPaths.of(e.getPath());
        return respond(Problem.of(400, "Bad Request", "Unknown field '" + path + "'")
                .withErrors(List.of(new FieldError(path, ErrorCode.UNKNOWN_FIELD, "unknown field"))), uri);
    }

    /** Named explicitly: Quarkus has a built-in mapper for exactly this type that answers with an empty body. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return mapping(e, uri);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        String path = JsonPaths.of(e.getPath());
        String expected = expected(e);
        return respond(Problem.of(400, "Bad Request", "Field '" + path + "' " + expected)
                .withErrors(List.of(new FieldError(path, ErrorCode.TYPE, expected))), uri);
    }

    /** What the field takes, in the words the theme report uses (never the value that was sent). */
    private static String expected(JsonMappingException e) {
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType()
                : e.getCause() instanceof InputCoercionException c ? c.getTargetType() : null; // 99999999999 for an int
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
                || target == Short.class || target == short.class) {
            return "must be a whole number";
        } else if (target == Double.class || target == double.class || target == Float.class || target == float.class) {
            return "must be a number";
        } else if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        } else if (target == String.class) {
            return "must be a string";
        }
        return "has the wrong type or format";
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return respond(Problem.of(400, "Bad Request", "The body could not be read as JSON"), uri);
    }

    @ServerExceptionMapper
    public Response constraints(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(parameterPath(v), FieldError.code(v), v.getMessage())).sorted(
                        java.util.Comparator.comparing(FieldError::path))
                .toList();
        return respond(Problem.of(400, "Bad Request", "The request has invalid fields").withErrors(errors), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        if (status == 400 && e.getCause() instanceof JsonMappingException mapping
                && mapping.getCause() instanceof InputCoercionException) {
            return mapping(mapping, uri); // Quarkus REST wraps a number out of its field's range: a type error
        }
        Problem problem = Problem.of(status, original.getStatusInfo().getReasonPhrase(), detailFor(status, e));
        if (status == 400) {
            // a body the JSON reader gave up on (e.g. it ended early) without a more specific exception
            problem = problem.withErrors(List.of(new FieldError("$", ErrorCode.JSON, "the body could not be read as JSON")));
        }
        Response.ResponseBuilder builder = builder(problem, uri);
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseFailures.isUnavailable(e)) {
            return unavailable(e, uri);
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", id, uri.getPath());
        return respond(Problem.of(500, "Internal Server Error",
                "Something went wrong on our side (error id " + id + "); retry, and report the id if it persists."), uri);
    }

    /** The database is out of reach: a 503 the caller (or its load balancer) retries, not a 500 to report. */
    private static Response unavailable(Throwable e, UriInfo uri) {
        DATABASE_WARNINGS.warn("Database unavailable; answering 503: " + Text.describe(e));
        return builder(Problem.of(503, "Service Unavailable", "The database is not reachable right now; retry after "
                + DATABASE_RETRY_AFTER_SECONDS + " s. If this persists, check the datasource (QUARKUS_DATASOURCE_*)."), uri)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(DATABASE_RETRY_AFTER_SECONDS)).build();
    }

    static Response respond(Problem problem, UriInfo uri) {
        return builder(problem, uri).build();
    }

    /** A problem response with {@code instance} set to the request path. */
    public static Response.ResponseBuilder builder(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "")));
    }

    private static String detailFor(int status, WebApplicationException e) {
        return switch (status) {
            case 404 -> "No resource at this path; see /q/openapi for the API.";
            case 405 -> "This method is not allowed here; the Allow header lists the ones that are.";
            case 406 -> "Cannot produce the media type in Accept; ask for application/json.";
            case 400 -> "The body could not be read as JSON.";
            case 413 -> "The body is too large.";
            case 415 -> "Send the body as application/json.";
            default -> e.getMessage() == null ? "The request was not accepted" : JsonPaths.truncate(e.getMessage());
        };
    }

    /** A method-parameter violation path is {@code method.param.field}; callers know fields by their own name. */
    private static String parameterPath(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.METHOD) {
                continue;
            }
            if (node.getIndex() != null) {
                path.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && !node.getName().isEmpty()) {
                JsonPaths.child(path, node.getName());
            }
        }
        return path.toString();
    }
}
