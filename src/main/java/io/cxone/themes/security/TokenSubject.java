package io.cxone.themes.security;

import java.util.Locale;

import io.cxone.themes.text.HumanNames;

/**
 * What a token's {@code sub} must be to become the audit actor: 1 to {@value #MAX_LENGTH} characters, not blank,
 * {@linkplain HumanNames the one rule for names} (no control or format character: bidi overrides and zero-width
 * characters would disguise one actor as another in every export; no unpaired surrogate: stored as UTF-8 it would
 * become '?', so different people would collapse into one actor), and not starting with {@value #RESERVED_PREFIX},
 * which names the service itself ({@code audit.Caller#system}). A subject outside this is refused (401), never cut or
 * cleaned: the audit trail records exactly who acted, or nothing.
 */
public final class TokenSubject {
    public static final int MAX_LENGTH = 256;
    /** The actors of work the service does on its own; no token may claim to be one. */
    public static final String RESERVED_PREFIX = "system:";

    private TokenSubject() {
    }

    public static boolean isSane(String subject) {
        return subject != null && !subject.isBlank() && subject.length() <= MAX_LENGTH
                && HumanNames.hasOnlyAllowedCharacters(subject) && !isReserved(subject);
    }

    /** {@code system:}, in any case and after any white space: it would read as the service's own actor. */
    static boolean isReserved(String subject) {
        return subject.strip().toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX);
    }
}
