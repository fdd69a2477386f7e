package io.cxone.themes.jobs;

import java.time.Duration;

/**
 * What the engine does after a unit of a job's work ({@link JobKind#run}). {@link Done} and {@link HandBack} come
 * only from the {@link Lease}'s lifecycle operations, which stored them; {@link Again} comes from
 * {@link Lease#holdFor} (stored: a crash resumes the job elsewhere when due) or from {@link #again} (nothing stored).
 *
 * @param <J> the kind's job type
 */
public sealed interface Next<J> {

    /** Run {@code job} (as it now is) again on this instance after {@code delay}; its lease is renewed meanwhile. */
    static <J> Next<J> again(J job, Duration delay) {
        return new Again<>(job, delay);
    }

    /** The job reached its end ({@link Lease#complete}). */
    /** @deprecated only until every kind ends its units with a {@link Lease} operation: the kind released the row. */
    @Deprecated(forRemoval = true)
    static <J> Next<J> done() {
        return new Done<>();
    }

    /** @deprecated only until every kind ends its units with a {@link Lease} operation: the engine releases the row. */
    @Deprecated(forRemoval = true)
    static <J> Next<J> handBack() {
        return new HandBack<>();
    }

    record Done<J>() implements Next<J> {
    }

    /** Not finished, stopped here and released ({@link Lease#handBack}): any instance claims it when due. */
    record HandBack<J>() implements Next<J> {
    }

    record Again<J>(J job, Duration delay) implements Next<J> {
    }
}
