package io.cxone.themes.governance;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A publication window: on these days, from {@code from} to {@code to} local time in {@code zone}. Read and checked by
 * {@link PolicyRequest}; here the values are valid. Local times are resolved to instants on each day by
 * {@link #instant}: daylight-saving days are the reason that is not a plain addition.
 */
@Schema(name = "PublicationWindow", description = "On these days, from 'from' (inclusive) to 'to' (exclusive), local "
        + "time in 'zone'")
public record Window(
        @Schema(required = true, description = "Days of the week: MON, TUE, WED, THU, FRI, SAT, SUN",
                examples = "[\"TUE\", \"THU\"]") List<String> days,
        @Schema(required = true, pattern = "[0-2][0-9]:[0-5][0-9]", description = "Local start, HH:MM",
                examples = "09:00") String from,
        @Schema(required = true, pattern = "[0-2][0-9]:[0-5][0-9]", description = "Local end (after from), HH:MM",
                examples = "11:00") String to,
        @Schema(required = true, description = "An IANA time zone", examples = "Europe/Berlin") String zone) {

    Set<DayOfWeek> dayOfWeeks() {
        return days.stream().map(Window::day).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    LocalTime fromTime() {
        return LocalTime.parse(from);
    }

    LocalTime toTime() {
        return LocalTime.parse(to);
    }

    ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    /** "MON" etc. as a day; null for anything else. */
    static DayOfWeek day(String name) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT).equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** When this window opens on {@code date} (see {@link #instant}). */
    java.time.Instant start(LocalDate date) {
        return instant(date, fromTime(), zoneId(), false);
    }

    /** When it closes on {@code date}: an end inside a fall-back overlap is its later occurrence (see {@link #instant}). */
    java.time.Instant end(LocalDate date) {
        return instant(date, toTime(), zoneId(), true);
    }

    /**
     * The instant a local time on {@code date} names in {@code zone}. A time that does not exist (inside a
     * spring-forward gap) is the first instant after the gap (the transition itself): a window "from 02:30" on the
     * night clocks jump from 02:00 to 03:00 opens at 03:00, not an hour late at 03:30. A time that exists twice (a
     * fall-back overlap) is its earlier occurrence for a start, so a window never opens later than its wall-clock time
     * first reads, and its later occurrence for an end, so the window spans every instant its wall-clock hours name.
     */
    static java.time.Instant instant(LocalDate date, LocalTime time, ZoneId zone, boolean later) {
        LocalDateTime local = LocalDateTime.of(date, time);
        var rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        ZonedDateTime earlier = ZonedDateTime.ofLocal(local, zone, null); // null: the earlier offset in an overlap
        return (later ? earlier.withLaterOffsetAtOverlap() : earlier).toInstant();
    }
}
