package io.cxone.themes.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One append-only audit trail event. {@code seq} numbers events from 1 without gaps, {@code prevHash} is the previous
 * event's {@code hash} ({@link AuditChain#GENESIS} for event 1) and {@code hash} is SHA-256 of {@link
 * AuditChain#canonical(AuditEvent)}.
 *
 * <p>Nullable: {@code themeId, widgetId, publicationId, jobId, requestId, details} (null and {@code NullNode} hash
 * alike), and {@code prevHash, hash} until the event is {@linkplain AuditChain#seal sealed}. {@code outcome} is
 * {@value #SUCCESS}, {@code failure} or {@code denied}. {@code details} is treated as immutable once sealed.
 *
 * <p>{@code time} is truncated to microseconds here, on construction: PostgreSQL {@code timestamptz} keeps no more, and
 * a hash over nanoseconds would no longer match the row read back.
 */
public record AuditEvent(long seq, Instant time, String actor, String action, String outcome, String themeId,
        String widgetId, String publicationId, String jobId, String requestId, JsonNode details, String prevHash,
        String hash) {

    public static final String SUCCESS = "success";

    public AuditEvent {
        time = time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    /** This event linked to {@code prevHash} and carrying {@code hash}; see {@link AuditChain#seal}. */
    public AuditEvent withHash(String prevHash, String hash) {
        return new AuditEvent(seq, time, actor, action, outcome, themeId, widgetId, publicationId, jobId, requestId,
                details, prevHash, hash);
    }

    /** This event renumbered (and unsealed: a new number invalidates the hash). */
    public AuditEvent withSeq(long newSeq) {
        return new AuditEvent(newSeq, time, actor, action, outcome, themeId, widgetId, publicationId, jobId,
                requestId, details, null, null);
    }

    public boolean succeeded() {
        return SUCCESS.equals(outcome);
    }
}
