package io.cxone.themes.idempotency;

/**
 * One keyed request: whose key it is ({@code subject}, the token's sub: keys are per caller, as Stripe's are per
 * account), the key, and the hash of the canonical request (method, path, body bytes) that a retry must match.
 */
record Claim(String subject, String key, String requestHash) {
    /** The advisory lock's object id: both parts, with a separator neither may contain (no control characters). */
    String lockName() {
        return subject + "\n" + key;
    }
}
