package io.cxone.themes.security;

import io.cxone.themes.problem.Text;

/**
 * What a token's {@code sub} must be to become the audit actor: 1 to {@value #MAX_LENGTH} characters, not blank, and
 * no control character (C0, DEL, C1, U+2028/U+2029). A subject outside this is refused (401), never cut or cleaned:
 * the audit trail records exactly who acted, or nothing.
 */
public final class TokenSubject {
    public static final int MAX_LENGTH = 256;

    private TokenSubject() {
    }

    public static boolean isSane(String subject) {
        return subject != null && !subject.isBlank() && subject.length() <= MAX_LENGTH
                && subject.chars().noneMatch(Text::isControl);
    }
}
