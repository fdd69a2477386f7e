package io.cxone.themes.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of verifying the audit chain: how many events were read and, if broken, where and why. {@code
 * checkpoints}: how many signed checkpoints the chain was checked against; {@code brokenCheckpoint}: the first one that
 * no longer matches (or is missing or forged), when that is what broke.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyResult(boolean valid, long events, Long firstBrokenSeq, String reason, long checkpoints,
        Long brokenCheckpoint) {

    public static VerifyResult intact(long events) {
        return new VerifyResult(true, events, null, null, 0, null);
    }

    public static VerifyResult broken(long events, long firstBrokenSeq, String reason) {
        return new VerifyResult(false, events, firstBrokenSeq, reason, 0, null);
    }

    /** A break found through checkpoint {@code checkpoint}; {@code firstBrokenSeq} may be null (a deleted checkpoint). */
    public static VerifyResult brokenCheckpoint(long events, Long firstBrokenSeq, long checkpoint, String reason) {
        return new VerifyResult(false, events, firstBrokenSeq, reason, 0, checkpoint);
    }

    VerifyResult withCounts(long events, long checkpoints) {
        return new VerifyResult(valid, events, firstBrokenSeq, reason, checkpoints, brokenCheckpoint);
    }
}
