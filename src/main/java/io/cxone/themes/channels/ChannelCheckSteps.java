package io.cxone.themes.channels;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.cxone.CxoneException;
import io.cxone.themes.livechannel.ChannelMapping;
import io.cxone.themes.text.Text;

/**
 * What one check decides, without I/O: given the watch as claimed, as it is now (re-read under the lease's fence) and
 * what the fetch gave, the verdict to store ({@link Verdict}), when the next check is due and what is announced. Every
 * time here is a delay from the database's {@code now()}, where the store applies it: watches are scheduled on the
 * database's clock only, so no clock is injected, only the randomness of the jitter.
 */
final class ChannelCheckSteps {
    /** Failure reasons stored and audited are cut to this many characters. */
    static final int MAX_REASON = 300;

    /** What the fetch gave. */
    sealed interface Fetch {
    }

    /** The live look and what the monitor makes of it. */
    record Look(ObjectNode appearance, String hash, ChannelMapping.Result mapped, JsonNode report, JsonNode worst)
            implements Fetch {
    }

    /** The fetch failed (the host, the network or the address rules): why, and how long the host asked us to wait. */
    record Failed(String reason, Optional<Duration> retryAfter) implements Fetch {
    }

    /**
     * A check's outcome.
     *
     * @param next when the next check is due, from the database's now
     * @param outcome the {@code channels.checks} outcome: the state the look was found in, or {@code fetch_failed}
     * @param hash the live look's content hash; null after a failed fetch
     * @param failure why the fetch failed; null after a successful one
     */
    record Decision(Verdict verdict, Duration next, String outcome, String hash, String failure) {
    }

    private final ChannelSettings settings;
    private final RandomGenerator random;

    ChannelCheckSteps(ChannelSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /** A fetch that failed: the kind records it (and after {@code unreachable-after} of them the watch is unreachable). */
    static Failed failed(Throwable e) {
        Optional<Duration> retryAfter = e instanceof CxoneException cxone ? cxone.retryAfter() : Optional.empty();
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new Failed(Text.clip(text, MAX_REASON), retryAfter);
    }

    /**
     * The look was fetched. {@code lastHash} is the content hash of the watch's last snapshot (null: none yet),
     * {@code drift} the fields in which it differs from the linked draft.
     */
    Decision seen(Watch claimed, Watch current, Look look, String lastHash, List<String> drift) {
        Verdict v = Verdict.fetched(current, lastHash, look.hash(), look.worst(), drift);
        Duration next = nextCheck(current.intervalSeconds());
        if (askedMeanwhile(claimed, current)) {
            // a "check now" came while this check ran: it gets a check of its own, a cooldown after this one
            next = min(next, settings.checkCooldown());
        }
        return new Decision(v, next, v.state(), look.hash(), null);
    }

    /**
     * The fetch failed: the next try comes after the back-off, which a "check now" that came meanwhile joins (the host is
     * failing, and may have asked for time).
     */
    Decision failed(Watch current, Failed failed) {
        Verdict v = Verdict.failed(current, settings.unreachableAfter());
        return new Decision(v, nextTry(current.intervalSeconds(), failed.retryAfter()), ChannelMetrics.FETCH_FAILED,
                null, failed.reason());
    }

    /** Only "check now" moves {@code next_check_at} of a watch whose check holds the lease. */
    static boolean askedMeanwhile(Watch claimed, Watch current) {
        return current.nextCheckAt() != null && claimed.nextCheckAt() != null
                && current.nextCheckAt().isAfter(claimed.nextCheckAt());
    }

    /** The interval plus a random 0–10 % of it: watches created together spread over the interval. */
    Duration nextCheck(int intervalSeconds) {
        long interval = intervalSeconds * 1000L;
        return Duration.ofMillis(interval + random.nextLong(interval / 10 + 1));
    }

    /** After a failed fetch: sooner than the interval (so N failures do not take N intervals), never before Retry-After. */
    Duration nextTry(int intervalSeconds, Optional<Duration> retryAfter) {
        long base = Math.min(intervalSeconds * 1000L, settings.retryAfterFailure().toMillis());
        base = Math.max(base, retryAfter.map(Duration::toMillis).orElse(0L));
        return Duration.ofMillis(base + random.nextLong(base / 10 + 1));
    }

    /** The events of a stored check: the state it entered, and a new live look. */
    static List<ChannelEvent> events(Watch before, Watch after, Decision d) {
        List<ChannelEvent> events = new ArrayList<>();
        if (d.verdict().stateChanged(before)) {
            events.add(event("state", after, before.state(), after.state(), d.hash()));
        }
        if (d.verdict().actions().contains(Verdict.CHANGED)) {
            events.add(event("changed", after, before.state(), after.state(), d.hash()));
        }
        return events;
    }

    private static ChannelEvent event(String type, Watch w, String from, String to, String hash) {
        return new ChannelEvent(type, w.id(), w.brandId(), w.channelId(), w.env(), w.domain(), from, to, hash,
                w.lastCheckedAt());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
