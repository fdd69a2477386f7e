package io.cxone.themes.theme;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.cxone.themes.accessibility.ContrastCheck;
import io.cxone.themes.accessibility.Level;
import io.cxone.themes.problem.FieldError;

/**
 * The validation report of SPEC section 3: field errors and every contrast check, with {@code valid} summing both up.
 * {@code warnings} are findings that never make a theme invalid (a hover state that looks like the rest state, a pair
 * that merges for a colour vision deficiency); absent from the JSON when there are none, so reports of themes without
 * any read as before.
 */
public record ValidationReport(boolean valid, Level level, List<FieldError> errors, List<ContrastCheck> contrast,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> warnings) {

    public static ValidationReport of(Level level, List<FieldError> errors, List<ContrastCheck> contrast) {
        return of(level, errors, contrast, List.of());
    }

    public static ValidationReport of(Level level, List<FieldError> errors, List<ContrastCheck> contrast,
            List<FieldError> warnings) {
        boolean contrastOk = contrast.stream()
                .noneMatch(c -> !c.passes() && c.severity() == ContrastCheck.Severity.error);
        return new ValidationReport(errors.isEmpty() && contrastOk, level, List.copyOf(errors), List.copyOf(contrast),
                List.copyOf(warnings));
    }
}
