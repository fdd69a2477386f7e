package io.cxone.themes.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.channels.ChannelCheckSteps.Decision;
import io.cxone.themes.channels.ChannelCheckSteps.Failed;
import io.cxone.themes.channels.ChannelCheckSteps.Look;
import io.cxone.themes.cxone.CxoneException;
import io.cxone.themes.livechannel.ChannelMapping;

/**
 * What a check decides, without a database, a channel host or Quarkus: the verdict, when the next check is due (a delay
 * the store adds to the database's now) and what is announced. The jitter's randomness is injected: the lowest and the
 * highest draw bound every schedule.
 */
class ChannelCheckStepsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode WORST = MAPPER.createObjectNode().put("pair", "font.color/backgroundColor");
    private static final Instant DUE = Instant.parse("2030-01-01T10:00:00Z");

    /** retry-after-failure 120 s, cooldown 30 s, unreachable after 3. */
    private static ChannelSettings settings() {
        return new ChannelSettings() {
            public double rate() {
                return 10;
            }

            public int unreachableAfter() {
                return 3;
            }

            public Duration retryAfterFailure() {
                return Duration.ofSeconds(120);
            }

            public int defaultIntervalSeconds() {
                return 3600;
            }

            public Duration checkCooldown() {
                return Duration.ofSeconds(30);
            }

            public int maxWatches() {
                return 5000;
            }
        };
    }

    /** Every draw is the lowest (0) or the highest the bound allows. */
    private static ChannelCheckSteps steps(boolean highest) {
        RandomGenerator extreme = new RandomGenerator() {
            public long nextLong() {
                throw new UnsupportedOperationException("only bounded draws");
            }

            public long nextLong(long bound) {
                return highest ? bound - 1 : 0;
            }
        };
        return new ChannelCheckSteps(settings(), extreme);
    }

    @Test
    void aCheckIsDueAnIntervalOnPlusAtMostTenPercent() {
        assertEquals(Duration.ofSeconds(600), steps(false).nextCheck(600));
        assertEquals(Duration.ofSeconds(660), steps(true).nextCheck(600));
        Decision d = steps(true).seen(watch(Watch.PENDING, 0, null, DUE), watch(Watch.PENDING, 0, null, DUE),
                look("h1", null), null, List.of());
        assertEquals(Duration.ofSeconds(660), d.next());
        assertEquals(Watch.PASSING, d.outcome());
        assertEquals("h1", d.hash());
        assertNull(d.failure());
    }

    @Test
    void aCheckNowThatCameDuringTheCheckGetsItsOwnACooldownLater() {
        Watch claimed = watch(Watch.PASSING, 0, null, DUE);
        Watch asked = watch(Watch.PASSING, 0, null, DUE.plusSeconds(5)); // check-now moved next_check_at meanwhile
        assertTrue(ChannelCheckSteps.askedMeanwhile(claimed, asked));
        assertEquals(Duration.ofSeconds(30), steps(true).seen(claimed, asked, look("h", null), "h", List.of()).next());
        // nobody asked: the interval
        assertEquals(Duration.ofSeconds(600), steps(false).seen(claimed, claimed, look("h", null), "h", List.of())
                .next());
    }

    @Test
    void aFailedFetchIsTriedAgainAfterTheBackOffNeverBeforeRetryAfterAndCheckNowJoinsIt() {
        Watch claimed = watch(Watch.PASSING, 0, null, DUE);
        Decision d = steps(false).failed(claimed, new Failed("503", Optional.empty()));
        assertEquals(Duration.ofSeconds(120), d.next(), "the back-off, shorter than the interval");
        assertEquals(ChannelMetrics.FETCH_FAILED, d.outcome());
        assertEquals("503", d.failure());
        assertEquals(1, d.verdict().consecutiveFailures());
        assertEquals(Duration.ofSeconds(132), steps(true).failed(claimed, new Failed("503", Optional.empty())).next());
        assertEquals(Duration.ofSeconds(300), steps(false).failed(claimed,
                new Failed("429", Optional.of(Duration.ofSeconds(300)))).next(), "the host's Retry-After");
        assertEquals(Duration.ofSeconds(60), steps(false).nextTry(60, Optional.empty()), "the interval, if shorter");
        // a "check now" during the failed check joins the back-off rather than hitting a failing host again
        Watch asked = watch(Watch.PASSING, 0, null, DUE.plusSeconds(5));
        assertEquals(Duration.ofSeconds(120), steps(false).failed(asked, new Failed("503", Optional.empty())).next());
    }

    @Test
    void aFetchFailureKeepsTheHostsRetryAfterAndAShortReason() {
        Failed throttled = ChannelCheckSteps.failed(new CxoneException.Throttled("429 Too Many Requests", "",
                Optional.of(Duration.ofSeconds(7))));
        assertEquals(Optional.of(Duration.ofSeconds(7)), throttled.retryAfter());
        assertEquals("429 Too Many Requests", throttled.reason());
        Failed silent = ChannelCheckSteps.failed(new java.util.concurrent.TimeoutException());
        assertEquals("TimeoutException", silent.reason());
        assertEquals(Optional.empty(), silent.retryAfter());
        assertTrue(ChannelCheckSteps.failed(new RuntimeException("x".repeat(1000))).reason().length()
                <= ChannelCheckSteps.MAX_REASON + 1, "cut, with an ellipsis");
    }

    @Test
    void aStateChangeAndANewLookAreAnnouncedAndNothingElse() {
        Watch before = watch(Watch.PASSING, 0, null, DUE);
        Decision failing = steps(false).seen(before, before, look("h2", WORST), "h1", List.of());
        Watch after = watch(Watch.FAILING, 0, WORST, DUE.plusSeconds(600));
        List<ChannelEvent> events = ChannelCheckSteps.events(before, after, failing);
        assertEquals(List.of("state", "changed"), events.stream().map(ChannelEvent::type).toList());
        assertEquals(Watch.PASSING, events.get(0).from());
        assertEquals(Watch.FAILING, events.get(0).to());
        assertEquals("h2", events.get(1).contentHash());
        assertEquals(after.lastCheckedAt(), events.get(0).time(), "the time the database recorded the check");

        Decision same = steps(false).seen(after, after, look("h2", WORST), "h2", List.of());
        assertEquals(List.of(), ChannelCheckSteps.events(after, after, same));
        Decision oneFailure = steps(false).failed(after, new Failed("503", Optional.empty()));
        assertEquals(List.of(), ChannelCheckSteps.events(after, after, oneFailure), "one failure changes no state");
    }

    @Test
    void aWatchTakenUpAgainIsJudgedFromPending() {
        // after "check now" on a parked watch it is pending, its last known accessibility kept
        Watch unparked = watch(Watch.PENDING, 0, WORST, DUE);
        Decision still = steps(false).seen(unparked, unparked, look("h", WORST), "h", List.of());
        assertEquals(Watch.FAILING, still.verdict().state());
        assertEquals(List.of(), still.verdict().actions(), "still failing: not a second regression");
        assertEquals(1, ChannelCheckSteps.events(unparked, watch(Watch.FAILING, 0, WORST, DUE), still).size());
    }

    private static Look look(String hash, JsonNode worst) {
        ObjectNode appearance = MAPPER.createObjectNode().put("customCss", "");
        return new Look(appearance, hash, new ChannelMapping.Result(MAPPER.createObjectNode(), List.of()),
                MAPPER.createObjectNode(), worst);
    }

    private static Watch watch(String state, int failures, JsonNode worst, Instant nextCheckAt) {
        return new Watch(UUID.randomUUID(), "b", "c", "c1", "niceincontact.com", "b/c", null, 600, state, null,
                Instant.EPOCH, null, nextCheckAt, failures, worst, List.of(), "t", Instant.EPOCH);
    }
}
