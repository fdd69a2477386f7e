package io.cxone.themes.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.cxone.themes.db.Rows;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.web.Params;

/** The audit query filters (all optional, combined with AND) as SQL conditions with bound parameters. */
public record AuditFilter(String themeId, String widgetId, String actor, String action, Instant from, Instant to) {

    public static AuditFilter of(String themeId, String widgetId, String actor, String action, String from, String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && end.isBefore(start)) {
            throw ApiException.badRequest("to", ErrorCode.RANGE, "must not be before 'from'");
        }
        return new AuditFilter(blankToNull(themeId), blankToNull(widgetId), blankToNull(actor), blankToNull(action),
                start, end);
    }

    /** Appends {@code AND ...} conditions to {@code sql} and their values to {@code params} ($n numbering continues). */
    void appendTo(StringBuilder sql, List<Object> params) {
        condition(sql, params, "theme_id = ", themeId);
        condition(sql, params, "widget_id = ", widgetId);
        condition(sql, params, "actor = ", actor);
        condition(sql, params, "action = ", action);
        condition(sql, params, "time >= ", Rows.utc(from));
        condition(sql, params, "time < ", Rows.utc(to));
    }

    private static void condition(StringBuilder sql, List<Object> params, String column, Object value) {
        if (value != null) {
            params.add(value);
            sql.append(" AND ").append(column).append('$').append(params.size());
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, ErrorCode.FORMAT, "must be an ISO-8601 UTC instant such as "
                    + "2026-01-31T12:00:00Z, not '" + Params.clip(value) + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static List<Object> newParams() {
        return new ArrayList<>();
    }
}
