package io.cxone.themes.jobs;

import java.time.Duration;

/**
 * Counts units of job work in flight (a publication step, a sync run), so a graceful stop can wait for them to end —
 * their writes then land under our lease — before it releases the leases. Waiting is bounded: work stuck on a slow
 * CXone call is left to the fenced writes (its late write is refused once the lease is gone) and redone by the next
 * owner.
 */
public final class InFlight {
    private int count;

    public synchronized void enter() {
        count++;
    }

    public synchronized void exit() {
        if (count > 0) {
            count--;
        }
        if (count == 0) {
            notifyAll();
        }
    }

    public synchronized int count() {
        return count;
    }

    /** Waits (blocking: call it from the shutdown thread, never an event loop) until nothing is in flight or time is up. */
    public synchronized boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (count > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return count == 0;
        }
    }
}
