package io.cxone.themes.governance;

import java.time.Duration;
import java.time.Instant;

/**
 * What a widget's policy makes of a publication asked for at {@code now}: how many approvals it needs first, and (once
 * approved) when it may start — the next window start at or after its notBefore. Pure; used when a publication or
 * rollback is requested and again when its last approval comes (time has passed: the window is found anew).
 *
 * @param approvals distinct approvals still needed before it may run (0: none)
 * @param approvalDeadline when the approvals must have come (now + the policy's approvalTtl)
 * @param startAt when it may start if it needs no (more) approvals
 */
public record Admission(int approvals, Instant approvalDeadline, Instant startAt) {

    public static Admission of(Policy policy, Instant now, Instant notBefore) {
        return new Admission(policy.approvals(), now.plus(policy.approvalTtl()), start(policy, now, notBefore));
    }

    /** When an approved publication may start: not before {@code notBefore} (a past one is now), inside a window. */
    public static Instant start(Policy policy, Instant now, Instant notBefore) {
        Instant earliest = notBefore != null && notBefore.isAfter(now) ? notBefore : now;
        return policy.nextStart(earliest);
    }

    public boolean needsApproval() {
        return approvals > 0;
    }

    /** Waits for a window or its notBefore (started later than {@code now}). */
    public boolean scheduled(Instant now) {
        return startAt.isAfter(now);
    }

    /** The deadline of a publication that starts at {@code startAt} and must be ACTIVE within {@code deadline}. */
    public Instant activeBy(Duration deadline) {
        return startAt.plus(deadline);
    }
}
