package io.cxone.themes.jobs;

import java.time.Duration;

/**
 * What the engine does after a unit of a job's work ({@link JobKind#run}).
 *
 * @param <J> the kind's job type
 */
public sealed interface Next<J> {

    /** The job reached its end; its final write released the lease. */
    static <J> Next<J> done() {
        return new Done<>();
    }

    /** Run {@code job} (as it now is) again on this instance after {@code delay}; its lease is renewed meanwhile. */
    static <J> Next<J> again(J job, Duration delay) {
        return new Again<>(job, delay);
    }

    /** Not finished, but stop here: the lease is released, and any instance claims the job at a later scan. */
    static <J> Next<J> handBack() {
        return new HandBack<>();
    }

    record Done<J>() implements Next<J> {
    }

    record Again<J>(J job, Duration delay) implements Next<J> {
    }

    record HandBack<J>() implements Next<J> {
    }
}
