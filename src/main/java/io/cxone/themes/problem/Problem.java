package io.cxone.themes.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem document; {@code errors} names each offending field, {@code report} carries a validation report. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// named here so that the OpenAPI scan registers it: no resource names it, web.OpenApiDocumentFilter gives every error
// response this body
@Schema(name = "Problem")
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors, Object report) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem(typeFor(status), title, status, detail, null, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, report);
    }

    public Problem withReport(Object validationReport) {
        return new Problem(type, title, status, detail, instance, errors, validationReport);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors, report);
    }

    /** Stable problem type URIs, one per status family, documented in README. */
    static String typeFor(int status) {
        return "urn:cxone-theme-service:problem:" + status;
    }
}
