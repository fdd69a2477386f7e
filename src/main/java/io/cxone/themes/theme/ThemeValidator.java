package io.cxone.themes.theme;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.accessibility.ContrastCheck;
import io.cxone.themes.accessibility.Level;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;

/**
 * Validates a theme completely: structure, field constraints (Hibernate Validator), WCAG contrast, focus, hover and
 * target size ({@link ContrastRules}, {@link InteractionRules}), and colour vision warnings ({@link ColorVisionRules}).
 */
@ApplicationScoped
public class ThemeValidator {
    /** A report lists at most this many field errors (then one more saying how many were left out). */
    public static final int MAX_ERRORS = 50;
    private final Validator validator;

    public ThemeValidator(Validator validator) {
        this.validator = validator;
    }

    /** Reads and validates a JSON body; 400 only when the body is not a JSON object at all. */
    public ValidationReport validate(JsonNode body, Level level) {
        ThemeJsonReader.Result read = ThemeJsonReader.read(body);
        return validate(read.theme(), read.errors(), level);
    }

    public ValidationReport validate(Theme theme, Level level) {
        return validate(theme, List.of(), level);
    }

    private ValidationReport validate(Theme theme, List<FieldError> structural, Level level) {
        List<FieldError> errors = new ArrayList<>(structural);
        Set<String> reported = new HashSet<>();
        structural.forEach(e -> reported.add(e.path()));
        for (ConstraintViolation<Theme> violation : validator.validate(theme)) {
            String path = violation.getPropertyPath().toString();
            // a field that had the wrong type was read as null: its type error already says all
            if (!reported.contains(path) || !isNotNull(violation)) {
                errors.add(new FieldError(path, FieldError.code(violation), violation.getMessage()));
            }
        }
        List<ContrastCheck> contrast = ContrastRules.check(theme, level);
        List<FieldError> warnings = new ArrayList<>(ColorVisionRules.warnings(contrast));
        InteractionRules.findings(theme, level, errors, warnings);
        errors.sort(FieldError.BY_PATH_THEN_CODE);
        warnings.sort(FieldError.BY_PATH_THEN_CODE);
        return ValidationReport.of(level, capped(errors), contrast, warnings);
    }

    /** A bounded answer however broken the input: the first {@link #MAX_ERRORS} errors and a count of the rest. */
    static List<FieldError> capped(List<FieldError> errors) {
        if (errors.size() <= MAX_ERRORS) {
            return errors;
        }
        List<FieldError> shown = new ArrayList<>(errors.subList(0, MAX_ERRORS));
        shown.add(new FieldError("$", ErrorCode.TOO_MANY_ERRORS, (errors.size() - MAX_ERRORS)
                + " more errors not listed; fix these and validate again"));
        return shown;
    }

    private static boolean isNotNull(ConstraintViolation<?> violation) {
        return violation.getConstraintDescriptor().getAnnotation() instanceof NotNull;
    }
}
