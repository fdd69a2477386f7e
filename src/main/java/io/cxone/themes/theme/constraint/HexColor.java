package io.cxone.themes.theme.constraint;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/** A colour in canonical {@code #RRGGBB}; input in {@code #rgb} or lower case was normalised before this runs. */
@Documented
@Pattern(regexp = "#[0-9A-F]{6}")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ FIELD, METHOD })
@Retention(RUNTIME)
public @interface HexColor {
    String message() default "must be a colour as #RRGGBB or #RGB";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
