package io.cxone.themes.problem;

import java.util.Comparator;

import jakarta.validation.ConstraintViolation;

/**
 * One offending input: its JSON path ({@code buttons[1].textColor}), a stable {@link ErrorCode} (written as its
 * snake_case wire form) and a readable message.
 */
public record FieldError(String path, ErrorCode code, String message) {

    /** Reports list their errors by path, then by code as the client reads it (alphabetically). */
    public static final Comparator<FieldError> BY_PATH_THEN_CODE = Comparator.comparing(FieldError::path)
            .thenComparing(error -> error.code().wire());

    /** The documented code of a Bean Validation violation, rather than its annotation's name. */
    public static ErrorCode code(ConstraintViolation<?> violation) {
        String annotation = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (annotation) {
            case "NotNull" -> ErrorCode.REQUIRED;
            case "Size" -> ErrorCode.SIZE;
            case "Range" -> ErrorCode.RANGE;
            case "HexColor" -> ErrorCode.COLOR;
            case "HttpsUrl" -> ErrorCode.URL;
            case "MultipleOf" -> ErrorCode.MULTIPLE;
            default -> ErrorCode.FORMAT;
        };
    }
}
