package io.cxone.themes.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The window calculator on the daylight-saving days of a northern European, a North American and a southern zone. */
class WindowsTest {
    private static final List<String> ALL_DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    private static Window daily(String from, String to, String zone) {
        return new Window(ALL_DAYS, from, to, zone);
    }

    private static Instant at(String local, String zone) {
        return java.time.LocalDateTime.parse(local).atZone(ZoneId.of(zone)).toInstant();
    }

    @Test
    void insideAWindowIsNow() {
        Instant now = at("2026-06-10T10:15", "Europe/Berlin");
        assertEquals(now, Windows.next(List.of(daily("09:00", "11:00", "Europe/Berlin")), now));
    }

    @Test
    void noWindowsIsNow() {
        Instant now = Instant.parse("2026-06-10T03:00:00Z");
        assertEquals(now, Windows.next(List.of(), now));
    }

    @Test
    void theEndIsExclusiveAndTheNextStartIsTomorrow() {
        Instant end = at("2026-06-10T11:00", "Europe/Berlin");
        assertEquals(at("2026-06-11T09:00", "Europe/Berlin"),
                Windows.next(List.of(daily("09:00", "11:00", "Europe/Berlin")), end));
    }

    @Test
    void onlyTheListedDays() {
        // Wednesday 10 June 2026, 12:00: the next Tuesday/Thursday window opens Thursday 09:00
        Window tueThu = new Window(List.of("TUE", "THU"), "09:00", "11:00", "America/New_York");
        assertEquals(at("2026-06-11T09:00", "America/New_York"),
                Windows.next(List.of(tueThu), at("2026-06-10T12:00", "America/New_York")));
    }

    @Test
    void aWindowInAnotherZoneIsReadInItsZone() {
        // 08:30 in Berlin (CEST, UTC+2) is 02:30 in New York (EDT, UTC-4): the New York window opens at 09:00 there
        Instant now = at("2026-06-10T08:30", "Europe/Berlin");
        assertEquals(at("2026-06-10T09:00", "America/New_York"),
                Windows.next(List.of(daily("09:00", "10:00", "America/New_York")), now));
    }

    @Test
    void berlinSpringForwardStartInTheGapOpensAtTheTransition() {
        // 29 March 2026: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist, the first valid instant is 03:00 CEST
        Instant now = at("2026-03-29T00:00", "Europe/Berlin");
        Instant expected = ZonedDateTime.of(2026, 3, 29, 3, 0, 0, 0, ZoneId.of("Europe/Berlin")).toInstant();
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), expected);
        assertEquals(expected, Windows.next(List.of(daily("02:30", "04:00", "Europe/Berlin")), now));
    }

    @Test
    void berlinFallBackAmbiguousStartTakesTheEarlierOffset() {
        // 25 October 2026: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice, first at 00:30Z (CEST)
        Instant now = at("2026-10-25T00:00", "Europe/Berlin");
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"),
                Windows.next(List.of(daily("02:30", "04:00", "Europe/Berlin")), now));
    }

    @Test
    void berlinWindowAfterTheChangeUsesTheNewOffset() {
        // the day after spring-forward, 09:00 is CEST (UTC+2): 07:00Z, not 08:00Z
        assertEquals(Instant.parse("2026-03-30T07:00:00Z"), Windows.next(List.of(daily("09:00", "10:00",
                "Europe/Berlin")), at("2026-03-29T23:00", "Europe/Berlin")));
    }

    @Test
    void newYorkSpringForward() {
        // 8 March 2026: 02:00 EST jumps to 03:00 EDT; a 02:15 start opens at 03:00 EDT = 07:00Z
        assertEquals(Instant.parse("2026-03-08T07:00:00Z"), Windows.next(List.of(daily("02:15", "05:00",
                "America/New_York")), at("2026-03-08T00:00", "America/New_York")));
        // and a 09:00 start that day is EDT: 13:00Z
        assertEquals(Instant.parse("2026-03-08T13:00:00Z"), Windows.next(List.of(daily("09:00", "10:00",
                "America/New_York")), at("2026-03-08T06:00", "America/New_York")));
    }

    @Test
    void newYorkFallBack() {
        // 1 November 2026: 02:00 EDT falls back to 01:00 EST; 01:30 happens twice, first at 05:30Z (EDT)
        assertEquals(Instant.parse("2026-11-01T05:30:00Z"), Windows.next(List.of(daily("01:30", "03:00",
                "America/New_York")), at("2026-11-01T00:00", "America/New_York")));
        // at 01:45 EST (the second 01:45, 06:45Z) the window is open: it opened at the first 01:30
        Instant secondPass = Instant.parse("2026-11-01T06:45:00Z");
        assertEquals(secondPass, Windows.next(List.of(daily("01:30", "03:00", "America/New_York")), secondPass));
    }

    @Test
    void sydneySpringForwardInOctober() {
        // 4 October 2026: 02:00 AEST jumps to 03:00 AEDT; a 02:30 start opens at 03:00 AEDT = 16:00Z on the 3rd
        assertEquals(Instant.parse("2026-10-03T16:00:00Z"), Windows.next(List.of(daily("02:30", "06:00",
                "Australia/Sydney")), at("2026-10-04T00:00", "Australia/Sydney")));
    }

    @Test
    void sydneyFallBackInApril() {
        // 5 April 2026: 03:00 AEDT falls back to 02:00 AEST; 02:30 first happens at 15:30Z on the 4th (AEDT)
        assertEquals(Instant.parse("2026-04-04T15:30:00Z"), Windows.next(List.of(daily("02:30", "06:00",
                "Australia/Sydney")), at("2026-04-05T00:00", "Australia/Sydney")));
    }

    @Test
    void aWindowEntirelyInsideTheGapNeverOpensThatDay() {
        // 02:10 to 02:40 does not exist on 29 March 2026 in Berlin: the next opening is on the 30th
        assertEquals(at("2026-03-30T02:10", "Europe/Berlin"), Windows.next(List.of(daily("02:10", "02:40",
                "Europe/Berlin")), at("2026-03-29T00:00", "Europe/Berlin")));
    }

    /**
     * Seeded random policies and instants around the year's DST changes: the answer is inside a window, is not before
     * the asked instant, and no window start lies between them (checked minute by minute, independently).
     */
    @Test
    void randomPoliciesAlwaysAnswerTheEarliestInstantInsideAWindow() {
        Random random = new Random(20261206L);
        String[] zones = { "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata" };
        LocalDate[] around = { LocalDate.of(2026, 3, 29), LocalDate.of(2026, 10, 25), LocalDate.of(2026, 3, 8),
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 4, 5), LocalDate.of(2026, 10, 4), LocalDate.of(2026, 7, 1) };
        for (int run = 0; run < 300; run++) {
            List<Window> windows = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                List<String> days = new ArrayList<>();
                for (String d : ALL_DAYS) {
                    if (random.nextInt(3) == 0) {
                        days.add(d);
                    }
                }
                if (days.isEmpty()) {
                    days.add(ALL_DAYS.get(random.nextInt(7)));
                }
                int from = random.nextInt(23 * 60);
                int to = from + 1 + random.nextInt(24 * 60 - from - 1);
                windows.add(new Window(days, hhmm(from), hhmm(to), zones[random.nextInt(zones.length)]));
            }
            Instant now = around[random.nextInt(around.length)].atStartOfDay(ZoneId.of("UTC")).toInstant()
                    .plus(Duration.ofMinutes(random.nextInt(4 * 24 * 60) - 2 * 24 * 60));
            Instant next = Windows.next(windows, now);
            String what = "run " + run + " " + windows + " from " + now + " gave " + next;
            assertNotNull(next, what);
            assertFalse(next.isBefore(now), what);
            assertTrue(inside(windows, next), what);
            for (Instant t = now; t.isBefore(next); t = t.plus(Duration.ofMinutes(1))) {
                assertFalse(inside(windows, t), "open already at " + t + ": " + what);
            }
        }
    }

    private static String hhmm(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    /**
     * Inside by the definition, computed by stepping over the local days around {@code t}: from the window's start to
     * its end on a listed day, each resolved as documented (gap: the transition; overlap: earlier start, later end).
     */
    private static boolean inside(List<Window> windows, Instant t) {
        for (Window w : windows) {
            LocalDate today = t.atZone(w.zoneId()).toLocalDate();
            for (LocalDate d = today.minusDays(1); !d.isAfter(today.plusDays(1)); d = d.plusDays(1)) {
                if (w.dayOfWeeks().contains(d.getDayOfWeek()) && !t.isBefore(start(w, d)) && t.isBefore(end(w, d))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Independently of Window: ZonedDateTime moves a gap time later by the gap's length, so undo that. */
    private static Instant start(Window w, LocalDate d) {
        ZonedDateTime z = java.time.LocalDateTime.of(d, w.fromTime()).atZone(w.zoneId());
        return z.toLocalTime().equals(w.fromTime()) ? z.withEarlierOffsetAtOverlap().toInstant()
                : z.toInstant().minus(intoGap(w, d, w.fromTime()));
    }

    private static Instant end(Window w, LocalDate d) {
        ZonedDateTime z = java.time.LocalDateTime.of(d, w.toTime()).atZone(w.zoneId());
        return z.toLocalTime().equals(w.toTime()) ? z.withLaterOffsetAtOverlap().toInstant()
                : z.toInstant().minus(intoGap(w, d, w.toTime()));
    }

    /** How far into the gap a missing local time lies: ZonedDateTime's instant for it is that much past the gap. */
    private static Duration intoGap(Window w, LocalDate d, java.time.LocalTime time) {
        java.time.LocalDateTime local = java.time.LocalDateTime.of(d, time);
        return Duration.between(w.zoneId().getRules().getTransition(local).getDateTimeBefore(), local);
    }
}
