package io.cxone.themes.audit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

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
 *
 * <p>Neither check survives someone who can write the database directly: they can rewrite events consistently and
 * move the head. Signed checkpoints (made with a key the database never holds) can: given them, each must be signed
 * by {@link SigningKey} (checkpoints of another instance's key cannot be checked here and are skipped), numbered
 * without gaps, and match the event it names, which must still exist.
 */
public final class ChainVerifier {
    private final Deque<Checkpoint> pending = new ArrayDeque<>();
    private long events;
    private long lastSeq;
    private String lastHash = AuditChain.GENESIS;
    private long checkpointsMatched;
    private VerifyResult broken;

    /** Checks the chain's own links and its head only. */
    public ChainVerifier() {
    }

    /** Also checks the chain against {@code checkpoints} (oldest first, as stored) signed with {@code key}. */
    public ChainVerifier(List<Checkpoint> checkpoints, SigningKey key) {
        long expectedId = 1;
        long previousSeq = 0;
        for (Checkpoint c : checkpoints) {
            if (c.id() != expectedId) {
                fail(null, expectedId, "checkpoint " + expectedId + " is missing: checkpoint " + c.id() + " follows "
                        + (expectedId == 1 ? "none" : "checkpoint " + (expectedId - 1))
                        + " (deleted by someone with direct database access)");
                return;
            }
            SigningKey.Trust trust = key.check(c);
            if (trust == SigningKey.Trust.FORGED) {
                fail(c.seq(), c.id(), "checkpoint " + c.id() + " (event " + c.seq() + "): its signature does not verify "
                        + "with key " + c.keyId() + " (forged or edited in the database)");
                return;
            }
            if (c.seq() <= previousSeq) {
                fail(c.seq(), c.id(), "checkpoint " + c.id() + " names event " + c.seq() + ", not after checkpoint "
                        + (c.id() - 1) + "'s event " + previousSeq + " (checkpoints edited in the database)");
                return;
            }
            if (trust == SigningKey.Trust.VALID) {
                pending.add(c);
            }
            expectedId++;
            previousSeq = c.seq();
        }
    }

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
        while (!pending.isEmpty() && pending.peek().seq() <= e.seq()) {
            Checkpoint c = pending.poll();
            if (c.seq() < e.seq() || !c.hash().equals(e.hash())) {
                return fail(e.seq(), c.id(), "checkpoint " + c.id() + " (event " + c.seq() + ", signed " + c.time()
                        + " with key " + c.keyId() + ") no longer matches: event " + c.seq() + " now has another hash "
                        + "(the trail up to it was rewritten by someone with direct database access)");
            }
            checkpointsMatched++;
        }
        return true;
    }

    /** The verdict on the events seen so far; deleting the newest events goes unnoticed without a head. */
    public VerifyResult result() {
        return (broken != null ? broken : VerifyResult.intact(events)).withCounts(events, checkpointsMatched);
    }

    /** The verdict, also requiring the stream to end exactly at {@code head} (null: same as {@link #result()}). */
    public VerifyResult result(ChainHead head) {
        return broken != null || head == null ? result() : judge(head).withCounts(events, checkpointsMatched);
    }

    private VerifyResult judge(ChainHead head) {
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
        if (!pending.isEmpty()) { // the trail and its head agree, yet a signed checkpoint names a later event
            Checkpoint c = pending.peek();
            return VerifyResult.brokenCheckpoint(events, lastSeq + 1, c.id(), "checkpoint " + c.id() + " (event "
                    + c.seq() + ", signed " + c.time() + " with key " + c.keyId() + ") no longer matches: the trail "
                    + "ends at event " + lastSeq + " (events deleted and the chain head rewound by someone with direct "
                    + "database access)");
        }
        return VerifyResult.intact(events);
    }

    private boolean fail(long seq, String reason) {
        broken = VerifyResult.broken(events, seq, reason);
        return false;
    }

    private boolean fail(Long seq, long checkpoint, String reason) {
        broken = VerifyResult.brokenCheckpoint(events, seq, checkpoint, reason);
        return false;
    }
}
