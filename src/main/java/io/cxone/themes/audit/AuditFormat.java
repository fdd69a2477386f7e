package io.cxone.themes.audit;

/** An export format: one line per event or signed checkpoint, each ending with {@code "\n"}, so that an export can be streamed. */
public interface AuditFormat {
    /** The Content-Type of an export made of these lines. */
    String mediaType();

    /** One event as one line, newline-terminated, with no other raw CR or LF in it. */
    String format(AuditEvent e);

    /** One signed checkpoint as one line, told apart from events, with everything needed to check its signature. */
    String checkpoint(Checkpoint c);
}
