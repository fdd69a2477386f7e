package io.cxone.themes.problem;

/** One offending input: its JSON path ({@code buttons[1].textColor}), a stable code and a readable message. */
public record FieldError(String path, String code, String message) {
}
