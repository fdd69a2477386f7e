package io.cxone.themes.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.cxone.themes.cxone.CxoneClient;
import io.cxone.themes.cxone.CxoneErrors;
import io.cxone.themes.cxone.CxoneException;
import io.cxone.themes.cxone.WireDtos.BatchSyncResponse;
import io.cxone.themes.cxone.WireDtos.SyncResult;
import io.cxone.themes.text.Text;
import io.cxone.themes.sync.SyncWork.Batch;
import io.cxone.themes.sync.SyncWork.Counts;
import io.cxone.themes.sync.SyncWork.Item;
import io.cxone.themes.sync.SyncWork.Outcome;
import io.cxone.themes.sync.SyncWork.PendingItem;

/**
 * The decisions of a sync job, free of I/O (tested without a database, CXone or Quarkus): which batches a run sends,
 * what CXone's answer — or its failure — means for the widgets and for the run, and how a run ends.
 * <ul>
 * <li>CXone answered: each widget as CXone said; a widget missing from the answer failed.</li>
 * <li>CXone rejected the batch (4xx, a refused token): the same call would fail again, so its widgets fail with
 * CXone's reason.</li>
 * <li>CXone asked us to wait (429, or a 5xx with {@code Retry-After}, after the client's own retries) or is down (the
 * circuit breaker is open): the run pauses — its batches stay pending — and the job is handed back, due again when
 * CXone said, or after the breaker's delay.</li>
 * <li>CXone failed without saying when to come back (5xx, no answer, timeouts, after every retry), or this process
 * did (a write that failed, a bug): the batch stays pending and the run fails; the engine retries the job after a
 * backoff and ends it {@code FAILED} after its max attempts. A widget never fails for our own trouble.</li>
 * </ul>
 */
final class SyncSteps {
    static final int MAX_REASON = 500;
    /** How long an open circuit breaker fails calls before it lets one through again: a paused job waits as long. */
    static final Duration BREAKER_DELAY = Duration.ofSeconds(CxoneClient.BREAKER_DELAY_SECONDS);

    private SyncSteps() {
    }

    /** The pending widgets (in order) grouped by the batch number fixed at creation: the batches a run sends. */
    static List<Batch> batches(List<PendingItem> pending) {
        List<Batch> batches = new ArrayList<>();
        List<Item> current = null;
        int number = -1;
        for (PendingItem p : pending) {
            if (current == null || p.batch() != number) {
                number = p.batch();
                current = new ArrayList<>();
                batches.add(new Batch(number, current));
            }
            current.add(new Item(p.seq(), p.widgetId()));
        }
        return batches;
    }

    /** The time between two batch calls at {@code rate} calls per second. */
    static Duration tick(double rate) {
        return Duration.ofNanos((long) (1_000_000_000L / rate));
    }

    /** Each widget as CXone answered; a widget missing from the answer failed (we cannot know it was applied). */
    static List<Outcome> outcomes(Batch batch, BatchSyncResponse response) {
        Map<String, SyncResult> byWidget = new HashMap<>();
        if (response != null && response.results() != null) {
            response.results().forEach(r -> byWidget.putIfAbsent(r.widgetId(), r));
        }
        List<Outcome> out = new ArrayList<>();
        for (Item item : batch.items()) {
            SyncResult r = byWidget.get(item.widgetId());
            if (r == null) {
                out.add(new Outcome(item.seq(), SyncStates.FAILED, "CXone's answer had no result for this widget"));
            } else if (SyncStates.SYNCED.equals(r.status()) || SyncStates.SKIPPED.equals(r.status())) {
                out.add(new Outcome(item.seq(), r.status(), null));
            } else {
                String reason = r.error() == null || r.error().isBlank() ? "CXone answered " + r.status() : r.error();
                out.add(new Outcome(item.seq(), SyncStates.FAILED, reason));
            }
        }
        return out;
    }

    /**
     * What a batch-sync call that failed (after the client's retries) means: its widgets' outcomes, or why the run
     * stops sending. {@code stopping}: this instance is shutting down (its REST client may already be closed).
     */
    static CallFailure afterFailure(Batch batch, Throwable e, boolean stopping) {
        if (stopping) {
            return new Stop(new Paused(Duration.ZERO, "this instance is stopping"));
        }
        if (e instanceof CircuitBreakerOpenException) {
            return new Stop(new Paused(BREAKER_DELAY, "CXone is failing (circuit breaker open)"));
        }
        if (e instanceof CxoneException.Throttled t) {
            return new Stop(new Paused(t.retryAfter().orElse(BREAKER_DELAY), "CXone is throttling us"));
        }
        if (e instanceof CxoneException.Transient t && t.retryAfter().isPresent()) {
            return new Stop(new Paused(t.retryAfter().get(), "CXone asked us to wait (" + t.code() + ")"));
        }
        String pending = "batch " + batch.number() + " stays pending: ";
        if (e instanceof CxoneException.Transient || e instanceof TimeoutException) {
            return new Stop(new Failed(pending + reason(e)));
        }
        if (e instanceof CxoneException) {
            return new WidgetsFailed(batch.items().stream()
                    .map(i -> new Outcome(i.seq(), SyncStates.FAILED, reason(e))).toList());
        }
        return new Stop(new Failed(pending + "our own failure, not CXone's: " + Text.describe(e)));
    }

    /**
     * Whether a failed batch-sync call is CXone's doing (an answer, or no answer after the retries and timeouts) rather
     * than this process's own trouble. bench/chaos.sh found one: a sync run starting during a graceful stop got "Client
     * is closed" from the REST client Quarkus had already shut, and recorded 100 widgets FAILED that the next instance
     * would have synced. Only CXone's definite rejection fails widgets ({@link #afterFailure}).
     */
    static boolean fromCxone(Throwable e) {
        return e instanceof CxoneException || e instanceof TimeoutException || e instanceof CircuitBreakerOpenException;
    }

    /** A failed call as a widget's (or the job's) reason: CXone's message and field errors, never its raw body. */
    static String reason(Throwable e) {
        String text = "batch-sync failed after retries: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage());
        if (e instanceof CxoneException cxone && !CxoneErrors.summary(cxone.body()).isEmpty()) {
            text += ": " + CxoneErrors.summary(cxone.body());
        }
        return Text.clip(text, MAX_REASON); // the one clipping rule: also no raw control character in a reason
    }

    /**
     * Two reasons to stop sending, as one: the longest pause wins; a pause wins over a failure (a CXone that asked us
     * to wait, or is down, explains the failures around it, which are then not the job's); else the first failure.
     */
    static Halt merge(Halt current, Halt next) {
        if (current == null) {
            return next;
        }
        if (current instanceof Paused a && next instanceof Paused b) {
            return b.after().compareTo(a.after()) > 0 ? b : a;
        }
        return current instanceof Paused ? current : next instanceof Paused ? next : current;
    }

    /**
     * How a run ends, from why it stopped sending ({@code halt}, null: it sent every batch) and the lease: handed back
     * when the lease ended or CXone paused it, failed when a batch could not be sent or recorded, else finished.
     */
    static RunEnd end(Halt halt, boolean stopping, boolean lost) {
        if (stopping || lost) {
            return new HandBack(Duration.ZERO, stopping ? "shutting down" : "lease lost");
        }
        if (halt instanceof Paused p) {
            return new HandBack(p.after(), p.why());
        }
        if (halt instanceof Failed f) {
            return new Fail(new SyncRunFailed(f.reason()));
        }
        return new Finish();
    }

    /**
     * The job's final state once nothing is pending, read behind the fence: {@code SUCCEEDED} without a failed widget,
     * {@code FAILED} when every widget failed, else {@code COMPLETED_WITH_FAILURES}; empty while widgets are pending.
     */
    static Optional<String> finalState(Counts c) {
        if (c.pending() > 0) {
            return Optional.empty();
        }
        return Optional.of(c.failed() == 0 ? SyncStates.SUCCEEDED : c.failed() >= c.total() ? SyncStates.FAILED
                : SyncStates.COMPLETED_WITH_FAILURES);
    }

    /** What a failed call means: its widgets' outcomes, or a reason to stop sending. */
    sealed interface CallFailure permits WidgetsFailed, Stop {
    }

    record WidgetsFailed(List<Outcome> outcomes) implements CallFailure {
    }

    record Stop(Halt halt) implements CallFailure {
    }

    /** Why a run stops sending before its last batch. */
    sealed interface Halt permits Paused, Failed {
    }

    /** Wait {@code after}, then any instance resumes the job: not the job's failure. */
    record Paused(Duration after, String why) implements Halt {
    }

    /** A batch could not be sent or recorded: a failed attempt. */
    record Failed(String reason) implements Halt {
    }

    /** How a run ends. */
    sealed interface RunEnd permits HandBack, Fail, Finish {
    }

    record HandBack(Duration after, String why) implements RunEnd {
    }

    record Fail(SyncRunFailed failure) implements RunEnd {
    }

    record Finish() implements RunEnd {
    }

    /** A run that could not send or record a batch: the engine counts it as a failed attempt; its message the reason. */
    static final class SyncRunFailed extends RuntimeException {
        SyncRunFailed(String message) {
            super(message, null, false, false);
        }
    }
}
