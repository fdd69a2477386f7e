package io.cxone.themes.theme.constraint;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** An absolute {@code https://} URL with a host, at most 2048 characters, free of characters that could leave an attribute. */
@Documented
@Constraint(validatedBy = HttpsUrlValidator.class)
@Target({ FIELD, METHOD })
@Retention(RUNTIME)
public @interface HttpsUrl {
    String message() default "must be an https:// URL with a host, at most 2048 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
