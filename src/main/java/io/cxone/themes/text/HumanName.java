package io.cxone.themes.text;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A human-readable name the API stores: {@link HumanNames}'s rule as a constraint. Each part reports on its own, so
 * the codes stay those of the vocabulary: {@code size} (from {@link Size}) and {@code format} (from {@link Pattern}).
 * The value is expected {@linkplain HumanNames#strip stripped} already (records do it in their constructor).
 */
@Documented
@Size
@Pattern(regexp = HumanNames.ALLOWED)
@Constraint(validatedBy = {})
@Target({ FIELD, METHOD, PARAMETER })
@Retention(RUNTIME)
public @interface HumanName {
    @OverridesAttribute(constraint = Size.class, name = "min")
    int min() default 1;

    @OverridesAttribute(constraint = Size.class, name = "max")
    int max() default 100;

    @OverridesAttribute(constraint = Size.class, name = "message")
    String sizeMessage() default HumanNames.SIZE_MESSAGE;

    @OverridesAttribute(constraint = Pattern.class, name = "message")
    String formatMessage() default HumanNames.FORMAT_MESSAGE;

    String message() default "must be a name: " + HumanNames.SIZE_MESSAGE + ", " + HumanNames.FORMAT_MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
