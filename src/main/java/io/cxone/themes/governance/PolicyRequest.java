package io.cxone.themes.governance;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.web.Params;
import io.cxone.themes.web.StrictJsonCustomizer;

/**
 * The body of {@code PUT /widgets/{id}/policy}, read field by field: every error is collected with its path
 * ({@code windows[1].zone}), so one answer names all that is wrong.
 */
final class PolicyRequest {
    static final Duration MAX_TTL = Duration.ofDays(30);
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Set<String> FIELDS = Set.of("approvals", "windows", "approvalTtl");
    private static final Set<String> WINDOW_FIELDS = Set.of("days", "from", "to", "zone");
    static final int MAX_WINDOWS = 28;

    private final List<FieldError> errors = new ArrayList<>();

    private PolicyRequest() {
    }

    /** The policy asked for ({@code approvalTtl} left out: {@code defaultTtl}); 400 naming every bad field. */
    static Policy read(JsonNode body, Duration defaultTtl) {
        return new PolicyRequest().policy(body, defaultTtl);
    }

    private Policy policy(JsonNode body, Duration defaultTtl) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("$", ErrorCode.TYPE, "the body must be a JSON object");
        }
        unknown(body, FIELDS, "");
        int approvals = approvals(body.get("approvals"));
        List<Window> windows = windows(body.get("windows"));
        Duration ttl = ttl(body.get("approvalTtl"), defaultTtl);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("the policy has " + errors.size() + " error(s); see errors[]", errors);
        }
        return new Policy(null, approvals, windows, ttl, true, null, null);
    }

    private int approvals(JsonNode node) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError("approvals", ErrorCode.REQUIRED, "is required: 0, 1 or 2 approvals by other people"));
            return 0;
        }
        Integer n = StrictJsonCustomizer.wholeNumber(node);
        if (n == null) {
            errors.add(new FieldError("approvals", ErrorCode.TYPE, "must be a whole number: 0, 1 or 2"));
            return 0;
        }
        if (n < 0 || n > 2) {
            errors.add(new FieldError("approvals", ErrorCode.RANGE, "must be 0, 1 or 2, not " + n));
        }
        return n;
    }

    private Duration ttl(JsonNode node, Duration defaultTtl) {
        if (node == null || node.isNull()) {
            return defaultTtl;
        }
        try {
            Duration d = Duration.parse(node.isTextual() ? node.asText() : "?");
            if (d.isNegative() || d.isZero() || d.compareTo(MAX_TTL) > 0) {
                errors.add(new FieldError("approvalTtl", ErrorCode.RANGE, "must be more than 0 and at most " + MAX_TTL
                        + " (30 days)"));
            }
            return d;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("approvalTtl", ErrorCode.FORMAT, "must be an ISO-8601 duration such as PT72H"));
            return defaultTtl;
        }
    }

    private List<Window> windows(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new FieldError("windows", ErrorCode.TYPE, "must be an array of windows (empty: any time)"));
            return List.of();
        }
        if (node.size() > MAX_WINDOWS) {
            errors.add(new FieldError("windows", ErrorCode.SIZE, "at most " + MAX_WINDOWS + " windows"));
            return List.of();
        }
        List<Window> windows = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Window w = window(node.get(i), "windows[" + i + "]");
            if (w != null) {
                windows.add(w);
                indexes.add(i);
            }
        }
        overlaps(windows, indexes);
        return List.copyOf(windows);
    }

    private Window window(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(path, ErrorCode.TYPE, "must be an object {days, from, to, zone}"));
            return null;
        }
        int before = errors.size();
        unknown(node, WINDOW_FIELDS, path + ".");
        List<String> days = days(node.get("days"), path + ".days");
        String from = time(node.get("from"), path + ".from");
        String to = time(node.get("to"), path + ".to");
        String zone = zone(node.get("zone"), path + ".zone");
        if (from != null && to != null && !LocalTime.parse(from).isBefore(LocalTime.parse(to))) {
            errors.add(new FieldError(path + ".to", ErrorCode.RANGE, "must be after from (" + from + "); a window "
                    + "past midnight is two windows, one on each day"));
        }
        return errors.size() == before ? new Window(days, from, to, zone) : null;
    }

    private List<String> days(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError(path, ErrorCode.REQUIRED, "is required: the days, e.g. [\"MON\", \"TUE\"]"));
            return null;
        }
        if (!node.isArray()) {
            errors.add(new FieldError(path, ErrorCode.TYPE, "must be an array of days, e.g. [\"MON\", \"TUE\"]"));
            return null;
        }
        if (node.isEmpty()) {
            errors.add(new FieldError(path, ErrorCode.SIZE, "must name at least one day (MON … SUN)"));
            return null;
        }
        Set<String> days = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode d = node.get(i);
            String name = d.isTextual() ? d.asText() : null;
            if (name == null || Window.day(name) == null) {
                errors.add(new FieldError(path + "[" + i + "]", ErrorCode.ENUM, "must be one of MON, TUE, WED, THU, "
                        + "FRI, SAT, SUN, not '" + Params.clip(d.asText()) + "'"));
            } else if (!days.add(name)) {
                errors.add(new FieldError(path + "[" + i + "]", ErrorCode.DUPLICATE, name + " is listed twice"));
            }
        }
        return List.copyOf(days);
    }

    private String time(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError(path, ErrorCode.REQUIRED, "is required: a local time HH:MM"));
            return null;
        }
        if (!node.isTextual() || !HH_MM.matcher(node.asText()).matches()) {
            errors.add(new FieldError(path, ErrorCode.FORMAT, "must be a local time HH:MM (00:00 to 23:59)"));
            return null;
        }
        return node.asText();
    }

    private String zone(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError(path, ErrorCode.REQUIRED, "is required: an IANA time zone such as Europe/Berlin"));
            return null;
        }
        String zone = node.isTextual() ? node.asText() : "";
        // region ids only ("Europe/Berlin"): a fixed offset ("+01:00") would silently ignore daylight saving
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            errors.add(new FieldError(path, ErrorCode.FORMAT, "'" + Params.clip(zone) + "' is not an IANA time zone; "
                    + "use a region id such as Europe/Berlin or America/New_York"));
            return null;
        }
        return zone;
    }

    /** Two windows of the same zone that share a day and whose times overlap: the later one is named. */
    private void overlaps(List<Window> windows, List<Integer> indexes) {
        for (int j = 1; j < windows.size(); j++) {
            for (int i = 0; i < j; i++) {
                Window a = windows.get(i);
                Window b = windows.get(j);
                if (a.zone().equals(b.zone()) && a.days().stream().anyMatch(b.days()::contains)
                        && a.fromTime().isBefore(b.toTime()) && b.fromTime().isBefore(a.toTime())) {
                    errors.add(new FieldError("windows[" + indexes.get(j) + "]", ErrorCode.OVERLAP, "overlaps windows["
                            + indexes.get(i) + "] on a shared day in " + a.zone() + "; merge them into one window"));
                    break;
                }
            }
        }
    }

    private void unknown(JsonNode object, Set<String> allowed, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add(new FieldError(prefix + name, ErrorCode.UNKNOWN_FIELD, "is not a field here; the fields are "
                        + allowed));
            }
        }
    }
}
