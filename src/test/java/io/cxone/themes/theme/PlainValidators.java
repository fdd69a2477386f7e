package io.cxone.themes.theme;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** A Bean Validation validator outside Quarkus, for unit tests of the theme rules (no EL needed). */
public final class PlainValidators {
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private PlainValidators() {
    }

    public static Validator validator() {
        return VALIDATOR;
    }

    public static ThemeValidator themeValidator() {
        return new ThemeValidator(VALIDATOR);
    }
}
