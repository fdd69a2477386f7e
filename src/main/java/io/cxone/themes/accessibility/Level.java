package io.cxone.themes.accessibility;

import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.web.Params;

/** The WCAG conformance level a validation enforces; AAA adds SC 1.4.6 as errors. */
public enum Level {
    AA, AAA;

    /**
     * The {@code level} query parameter of validation and preview: AA when absent, case-insensitive.
     *
     * @throws ApiException 400 {@code enum} naming {@code level} for anything else
     */
    public static Level parse(String level) {
        if (level == null || level.isBlank() || level.equalsIgnoreCase("AA")) {
            return AA;
        }
        if (level.equalsIgnoreCase("AAA")) {
            return AAA;
        }
        throw ApiException.badRequest("level", ErrorCode.ENUM, "must be AA or AAA, not '" + Params.clip(level) + "'");
    }
}
