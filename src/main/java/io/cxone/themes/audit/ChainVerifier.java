package io.cxone.themes.audit;

/**
 * Verifies the audit chain as it streams past, in ascending {@code seq} order (as {@code ORDER BY seq} returns it),
 * holding only the previous event: not thread-safe, one instance per verification. It stops judging at the first
 * break but keeps counting events.
 *
 * <p>Each event is checked for, in order: its number (1 first, then each one more than the last: a jump is a deleted
 * or reordered event, a repeat an inserted one), its content (the hash over its fields: an edit), and its link (its
 * prevHash is the previous event's hash, GENESIS for event 1: a deletion, replacement or insertion that re-hashed the
 * changed event itself). Removing the newest events leaves none of these traces; {@link #result(ChainHead)} compares
 * the end of the stream with the separately kept head to catch that.
 */
public final class ChainVerifier {
    private long events;
    private long lastSeq;
    private String lastHash = AuditChain.GENESIS;
    private VerifyResult broken;

    /** Checks the next event; false once the chain is broken (callers may stop reading). */
    public boolean accept(AuditEvent e) {
        events++;
        if (broken != null) {
            return false;
        }
        long expected = lastSeq + 1;
        if (e.seq() > expected) {
            return fail(expected, expected == 1
                    ? "event 1 is missing: the trail starts at event " + e.seq() + " (events deleted from the start)"
                    : "event " + expected + " is missing: event " + e.seq() + " follows event " + lastSeq
                            + " (deleted, or events out of order)");
        }
        if (e.seq() < expected) {
            return fail(e.seq(), "event " + e.seq() + ": number seen again after event " + lastSeq
                    + " (inserted duplicate, or events out of order)");
        }
        if (e.hash() == null || !e.hash().equals(AuditChain.hash(e))) {
            return fail(e.seq(), "event " + e.seq() + ": content does not match its hash (edited)");
        }
        if (!lastHash.equals(e.prevHash())) {
            return fail(e.seq(), e.seq() == 1
                    ? "event 1: prevHash is not the genesis hash (events before it deleted, or it was forged)"
                    : "event " + e.seq() + ": prevHash does not match the hash of event " + lastSeq
                            + " (event " + lastSeq + " was replaced, or this event was inserted or forged)");
        }
        lastSeq = e.seq();
        lastHash = e.hash();
        return true;
    }

    /** The verdict on the events seen so far; deleting the newest events goes unnoticed without a head. */
    public VerifyResult result() {
        return broken != null ? withCount(broken) : VerifyResult.intact(events);
    }

    /** The verdict, also requiring the stream to end exactly at {@code head} (null: same as {@link #result()}). */
    public VerifyResult result(ChainHead head) {
        if (broken != null || head == null) {
            return result();
        }
        if (lastSeq < head.seq()) {
            return VerifyResult.broken(events, lastSeq + 1, "event " + (lastSeq + 1) + " is missing: the chain head"
                    + " records " + head.seq() + " events but the trail ends at event " + lastSeq
                    + " (newest events deleted)");
        }
        if (lastSeq > head.seq()) {
            return VerifyResult.broken(events, head.seq() + 1, "event " + (head.seq() + 1)
                    + ": the trail continues past the chain head at event " + head.seq()
                    + " (events appended outside the audit writer, or the head was rolled back)");
        }
        if (!lastHash.equals(head.hash())) {
            return VerifyResult.broken(events, lastSeq, "event " + lastSeq
                    + ": hash does not match the chain head (the newest event was replaced, or the head was edited)");
        }
        return VerifyResult.intact(events);
    }

    private boolean fail(long seq, String reason) {
        broken = VerifyResult.broken(events, seq, reason);
        return false;
    }

    private VerifyResult withCount(VerifyResult r) {
        return VerifyResult.broken(events, r.firstBrokenSeq(), r.reason());
    }
}
