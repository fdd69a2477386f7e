package io.cxone.themes.cxone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.problem.Problem;

/** CXone's error answers reach callers only as structured field errors: bounded, control characters removed. */
class CxoneErrorsTest {

    @Test
    void structuredFieldErrorsAreKeptAndCleaned() {
        String body = "{\"errors\":[{\"field\":\"versionTag\",\"message\":\"already exists\\u001B[31m\\r\\nX-Evil: 1\\u2028\"},"
                + "{\"message\":\"" + "m".repeat(500) + "\"}],\"debug\":\"db-7.corp password=hunter2\"}";
        List<FieldError> errors = CxoneErrors.fieldErrors(body);
        assertEquals(new FieldError("versionTag", ErrorCode.CXONE, "already exists[31mX-Evil: 1"), errors.get(0));
        assertEquals("$", errors.get(1).path());
        assertEquals(CxoneErrors.MAX_TEXT + 1, errors.get(1).message().length(), "cut, with an ellipsis");

        Problem problem = CxoneProblemMapper.problemFor(new CxoneException.Rejected("CXone rejected the request with 409 "
                + "Conflict", 409, body));
        assertEquals(errors, problem.errors());
        assertFalse(problem.detail().contains("hunter2"), problem.detail());
        assertFalse(problem.detail().contains("\u001B"), problem.detail());
    }

    @Test
    void summariesForFailureReasonsCarryOnlyTheCleanedFieldErrors() {
        assertEquals("versionTag: 'v1' already exists; whole request refused", CxoneErrors.summary(
                "{\"errors\":[{\"field\":\"versionTag\",\"message\":\"'v1' already\\u0085 exists\"},"
                        + "{\"message\":\"whole request refused\"}],\"trace\":\"10.0.0.7\"}"));
        assertEquals("", CxoneErrors.summary("<html>proxy 10.0.0.7</html>"));
    }

    @Test
    void atMostTwentyErrors() {
        StringBuilder body = new StringBuilder("{\"errors\":[");
        for (int i = 0; i < 100; i++) {
            body.append(i == 0 ? "" : ",").append("{\"field\":\"f").append(i).append("\",\"message\":\"bad\"}");
        }
        assertEquals(CxoneErrors.MAX_ERRORS, CxoneErrors.fieldErrors(body.append("]}").toString()).size());
    }

    @Test
    void anUnstructuredBodyNeverReachesTheCaller() {
        for (String body : List.of("<html>internal proxy 10.0.0.7 error</html>", "{\"error\":\"secret-ish\"}", "")) {
            Problem problem = CxoneProblemMapper.problemFor(new CxoneException.Transient("CXone answered 500 Internal "
                    + "Server Error", 500, body, Optional.empty()));
            assertTrue(CxoneErrors.fieldErrors(body).isEmpty());
            assertNull(problem.errors());
            assertFalse(problem.detail().contains("10.0.0.7") || problem.detail().contains("secret-ish"), problem.detail());
        }
    }
}
