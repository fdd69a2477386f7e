package io.cxone.themes.problem;

import java.util.List;
import java.util.Map;

/** Thrown by our code to answer with a problem document; carries the status, what went wrong and what to do. */
public class ApiException extends RuntimeException {
    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ApiException(Problem problem) {
        this(problem, Map.of());
    }

    public ApiException(Problem problem, Map<String, String> headers) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(String detail, List<FieldError> errors) {
        return new ApiException(Problem.of(400, "Bad Request", detail).withErrors(errors));
    }

    public static ApiException badRequest(String path, ErrorCode code, String message) {
        return badRequest(path + ": " + message, List.of(new FieldError(path, code, message)));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(Problem.of(404, "Not Found", detail));
    }

    public int status() {
        return problem.status();
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
