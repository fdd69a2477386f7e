package io.cxone.themes.theme.constraint;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link MultipleOf}. */
public class MultipleOfValidator implements ConstraintValidator<MultipleOf, Integer> {
    private int divisor;

    @Override
    public void initialize(MultipleOf annotation) {
        divisor = annotation.value();
    }

    @Override
    public boolean isValid(Integer value, ConstraintValidatorContext context) {
        return value == null || value % divisor == 0;
    }
}
