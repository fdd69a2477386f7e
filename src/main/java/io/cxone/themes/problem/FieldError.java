package io.cxone.themes.problem;

import jakarta.validation.ConstraintViolation;

/**
 * One offending input: its JSON path ({@code buttons[1].textColor}), a stable code and a readable message. The codes are
 * one snake_case vocabulary, listed in docs/api.md, so that portals can switch on them; a new kind of error reuses a
 * code of the same concept before it adds one (an unknown field is {@code unknown_field} and an unknown id or version
 * {@code not_found} wherever they are found).
 */
public record FieldError(String path, String code, String message) {

    /** The documented code of a Bean Validation violation, rather than its annotation's name. */
    public static String code(ConstraintViolation<?> violation) {
        String annotation = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (annotation) {
            case "NotNull" -> "required";
            case "Size" -> "size";
            case "Range" -> "range";
            case "HexColor" -> "color";
            case "HttpsUrl" -> "url";
            case "MultipleOf" -> "multiple";
            default -> "format";
        };
    }
}
