package io.cxone.themes.theme.constraint;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Accepts only well-formed https URLs; quotes, angle brackets, backslashes and whitespace are refused outright. */
public class HttpsUrlValidator implements ConstraintValidator<HttpsUrl, String> {
    static final int MAX_LENGTH = 2048;

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        if (value.length() > MAX_LENGTH || !value.chars().allMatch(HttpsUrlValidator::allowed)) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.getScheme() != null && "https".equals(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null && !uri.getHost().isBlank() && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean allowed(int c) {
        return c > 0x20 && c < 0x7F && "\"'<>\\`{}|^ ".indexOf(c) < 0;
    }
}
