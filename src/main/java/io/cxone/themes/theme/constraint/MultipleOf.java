package io.cxone.themes.theme.constraint;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A whole number that is a multiple of {@link #value()} (font weights come in hundreds). */
@Documented
@Constraint(validatedBy = MultipleOfValidator.class)
@Target({ FIELD, METHOD })
@Retention(RUNTIME)
public @interface MultipleOf {
    int value();

    String message() default "must be a multiple of {value}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
