package io.cxone.themes.audit;

/**
 * The last event's number and hash, kept apart from the events (updated in the same transaction as each append) so
 * that deleting the newest events, which leaves no gap and no broken link behind, is detected too.
 */
public record ChainHead(long seq, String hash) {
    /** The head of a trail with no events. */
    public static final ChainHead EMPTY = new ChainHead(0, AuditChain.GENESIS);

    public static ChainHead of(AuditEvent last) {
        return new ChainHead(last.seq(), last.hash());
    }
}
