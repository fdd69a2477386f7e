package io.cxone.themes.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The outcome of verifying the audit chain: how many events were read and, if broken, where and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyResult(boolean valid, long events, Long firstBrokenSeq, String reason) {

    public static VerifyResult intact(long events) {
        return new VerifyResult(true, events, null, null);
    }

    public static VerifyResult broken(long events, long firstBrokenSeq, String reason) {
        return new VerifyResult(false, events, firstBrokenSeq, reason);
    }
}
