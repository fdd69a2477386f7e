package io.cxone.themes.theme;

import java.util.List;

import io.cxone.themes.accessibility.ContrastCheck;
import io.cxone.themes.accessibility.Level;
import io.cxone.themes.problem.FieldError;

/** The validation report of SPEC section 3: field errors and every contrast check, with {@code valid} summing both up. */
public record ValidationReport(boolean valid, Level level, List<FieldError> errors, List<ContrastCheck> contrast) {

    public static ValidationReport of(Level level, List<FieldError> errors, List<ContrastCheck> contrast) {
        boolean contrastOk = contrast.stream()
                .noneMatch(c -> !c.passes() && c.severity() == ContrastCheck.Severity.error);
        return new ValidationReport(errors.isEmpty() && contrastOk, level, List.copyOf(errors), List.copyOf(contrast));
    }
}
