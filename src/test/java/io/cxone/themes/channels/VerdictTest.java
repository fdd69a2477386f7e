package io.cxone.themes.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.accessibility.ContrastCheck;
import io.cxone.themes.accessibility.ContrastCheck.Severity;

/** Every transition of a watch, without a channel host: the pure rules of {@link Verdict}. */
class VerdictTest {
    private static final JsonNode WORST = new ObjectMapper().createObjectNode().put("pair", "font.color/backgroundColor");

    @Test
    void theFirstLookIsTheBaselineNotAChange() {
        Verdict v = Verdict.fetched(watch(Watch.PENDING, 0, null), null, "h1", null, List.of());
        assertEquals(Watch.PASSING, v.state());
        assertTrue(v.snapshot());
        assertEquals(List.of(), v.actions());
    }

    @Test
    void aFailingLookRegressesOnceAndRecoversOnce() {
        Verdict failing = Verdict.fetched(watch(Watch.PASSING, 0, null), "h1", "h2", WORST, List.of());
        assertEquals(Watch.FAILING, failing.state());
        assertEquals(List.of(Verdict.CHANGED, Verdict.REGRESSED), failing.actions());
        Verdict still = Verdict.fetched(watch(Watch.FAILING, 0, WORST), "h2", "h2", WORST, List.of());
        assertFalse(still.snapshot());
        assertEquals(List.of(), still.actions());
        Verdict recovered = Verdict.fetched(watch(Watch.FAILING, 0, WORST), "h2", "h1", null, List.of());
        assertEquals(List.of(Verdict.CHANGED, Verdict.RECOVERED), recovered.actions());
    }

    @Test
    void unreachableOnlyAfterNFailuresAndKeepsTheLastKnownAccessibility() {
        Verdict one = Verdict.failed(watch(Watch.FAILING, 0, WORST), 3);
        assertEquals(Watch.FAILING, one.state());
        assertEquals(1, one.consecutiveFailures());
        assertEquals(List.of(), one.actions());
        Verdict three = Verdict.failed(watch(Watch.FAILING, 2, WORST), 3);
        assertEquals(Watch.UNREACHABLE, three.state());
        assertEquals(List.of(Verdict.UNREACHABLE), three.actions());
        assertEquals(WORST, three.worstCheck());
        assertEquals(List.of(), Verdict.failed(watch(Watch.UNREACHABLE, 3, WORST), 3).actions());
        // back, and still failing: not a second regression
        Verdict back = Verdict.fetched(watch(Watch.UNREACHABLE, 4, WORST), "h2", "h2", WORST, List.of());
        assertEquals(Watch.FAILING, back.state());
        assertEquals(0, back.consecutiveFailures());
        assertEquals(List.of(), back.actions());
    }

    @Test
    void driftIsReportedWhenEnteredAndFailingWinsOverDrift() {
        Verdict drifted = Verdict.fetched(watch(Watch.PASSING, 0, null), "h1", "h2", null, List.of("backgroundColor"));
        assertEquals(Watch.DRIFTED, drifted.state());
        assertEquals(List.of(Verdict.CHANGED, Verdict.DRIFTED), drifted.actions());
        assertEquals(List.of(), Verdict.fetched(watch(Watch.DRIFTED, 0, null), "h2", "h2", null,
                List.of("backgroundColor")).actions());
        assertEquals(Watch.FAILING, Verdict.fetched(watch(Watch.PASSING, 0, null), "h1", "h2", WORST,
                List.of("backgroundColor")).state());
    }

    @Test
    void theWorstCheckIsTheFailingErrorFurthestBelowItsThreshold() {
        ContrastCheck warning = new ContrastCheck("buttons[0].color/backgroundColor", "#EEE", "#FFF", 1.1, 3.0, "1.4.11",
                Severity.warning, false, null);
        ContrastCheck header = new ContrastCheck("header.textColor/header.backgroundColor", "#777", "#FFF", 4.0, 4.5,
                "1.4.3", Severity.error, false, null);
        ContrastCheck text = new ContrastCheck("font.color/backgroundColor", "#EEE", "#FFF", 1.2, 4.5, "1.4.3",
                Severity.error, false, null);
        ContrastCheck ok = new ContrastCheck("primaryColor/backgroundColor", "#000", "#FFF", 21, 3.0, "1.4.11",
                Severity.error, true, null);
        assertEquals(text, Verdict.worst(List.of(warning, header, text, ok)).orElseThrow());
        assertTrue(Verdict.worst(List.of(warning, ok)).isEmpty(), "warnings alone do not fail a channel");
    }

    private static Watch watch(String state, int failures, JsonNode worst) {
        return new Watch(UUID.randomUUID(), "b", "c", "c1", "niceincontact.com", "b/c", null, 3600, state, null, Instant.EPOCH,
                null, Instant.EPOCH, failures, worst, List.of(), "t", Instant.EPOCH);
    }
}
