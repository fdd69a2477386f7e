package io.cxone.themes.governance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * When a publication may start under a policy's windows: at once when inside one, else the next start of any window.
 * Pure: no clock, no database; tested against the daylight-saving days of several zones.
 */
public final class Windows {
    private Windows() {
    }

    /**
     * A window on a day is the instants from its start to its end there ({@link Window#start}, {@link Window#end}:
     * where daylight saving makes a local time missing or doubled). Answers
     * {@code at} itself if it lies inside some window (or there are none), else the earliest window start after it.
     * Every window has at least one day, so a start exists within the next eight local days.
     */
    public static Instant next(List<Window> windows, Instant at) {
        if (windows.isEmpty()) {
            return at;
        }
        Instant best = null;
        for (Window w : windows) {
            Set<java.time.DayOfWeek> days = w.dayOfWeeks();
            // yesterday too: a window that opened yesterday evening in its zone may still be open
            LocalDate today = at.atZone(w.zoneId()).toLocalDate();
            for (LocalDate d = today.minusDays(1); !d.isAfter(today.plusDays(8)); d = d.plusDays(1)) {
                if (!days.contains(d.getDayOfWeek())) {
                    continue;
                }
                Instant start = w.start(d);
                Instant end = w.end(d);
                if (!at.isBefore(start) && at.isBefore(end)) {
                    return at;
                }
                if (start.isAfter(at) && start.isBefore(end) && (best == null || start.isBefore(best))) {
                    best = start;
                }
            }
        }
        return best;
    }
}
