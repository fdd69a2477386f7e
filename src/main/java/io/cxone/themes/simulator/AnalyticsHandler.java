package io.cxone.themes.simulator;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.vertx.ext.web.RoutingContext;

/**
 * Widget performance analytics: {@code GET .../analytics/webmessaging/widget-performance?widget_id&start_date&end_date&metrics}.
 * Answers {@code {widget_id, start_date, end_date, unit:"ms", series:{<metric>:[{date, value, theme_id|null}]}}}, one point
 * per UTC day (inclusive), values deterministic per widget id, date and metric, theme_id the theme active at that day's end.
 */
@Singleton
public class AnalyticsHandler {
    /** Metric name to its plausible range in ms [min, max). */
    static final Map<String, int[]> METRICS = Map.of(
            "first_paint", new int[] { 400, 1200 },
            "theme_load_time", new int[] { 80, 400 },
            "render_duration", new int[] { 15, 120 });
    static final int MAX_DAYS = 366;

    /** The answer. */
    record Performance(String widgetId, String startDate, String endDate, String unit, Map<String, List<Point>> series) {
    }

    /** One day of one metric; theme_id is always present, null when no theme was active. */
    record Point(String date, long value, @JsonInclude(JsonInclude.Include.ALWAYS) String themeId) {
    }

    /** The longest interval the per-theme summary covers. */
    static final java.time.Duration MAX_INTERVAL = java.time.Duration.ofDays(31);

    /**
     * The per-theme summary of an interval (our assumption, not CXone's documented contract; docs/governance.md):
     * samples in it and each metric's p95, null while there are no samples.
     */
    record ThemePerformance(String widgetId, String themeId, String startTime, String endTime, String unit,
            long samples, @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Long> p95) {
    }

    private final WidgetStore widgets;
    private final ThemeAnalytics themes;
    private final SimClock clock;

    public AnalyticsHandler(WidgetStore widgets, ThemeAnalytics themes, SimClock clock) {
        this.widgets = widgets;
        this.themes = themes;
        this.clock = clock;
    }

    /**
     * {@code GET .../analytics/webmessaging/theme-performance?widget_id&theme_id&start_time[&end_time]}: what one theme
     * measured on one widget from start_time to end_time (default and at most the simulator's now). Samples accrue
     * with the theme's share of the widget's traffic over simulated time, so a canary at 5 % collects a twentieth of
     * what the control does, and advancing the simulator's clock collects more.
     */
    SimResponse themePerformance(RoutingContext ctx) {
        JsonChecks c = new JsonChecks();
        String widgetId = required(ctx, "widget_id", c);
        String themeId = required(ctx, "theme_id", c);
        java.time.Instant now = clock.now();
        java.time.Instant start = instant(ctx, "start_time", true, c);
        java.time.Instant end = instant(ctx, "end_time", false, c);
        if (end == null || end.isAfter(now)) {
            end = now; // nothing has been measured past now
        }
        if (start != null && (start.isAfter(end) || java.time.Duration.between(start, end).compareTo(MAX_INTERVAL) > 0)) {
            c.add("start_time", "must be before end_time (default: now) and at most " + MAX_INTERVAL.toDays()
                    + " days before it");
        }
        if (!c.errors().isEmpty()) {
            return SimResponse.errors(400, c.errors());
        }
        ThemeAnalytics.Profile profile = themes.profile(themeId);
        long samples = (long) Math.floor(widgets.shareSeconds(widgetId, themeId, start, end)
                * profile.samplesPerMinute() / 60.0);
        Map<String, Long> p95 = new LinkedHashMap<>();
        p95.put("theme_load_time", samples == 0 ? null : profile.themeLoadP95Ms());
        p95.put("render_duration", samples == 0 ? null : profile.renderP95Ms());
        p95.put("first_paint", samples == 0 ? null : profile.firstPaintP95Ms());
        return SimResponse.of(200, new ThemePerformance(widgetId, themeId, start.toString(), end.toString(), "ms",
                samples, p95));
    }

    private static String required(RoutingContext ctx, String name, JsonChecks c) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isBlank() || value.length() > 200) {
            c.add(name, "is required (1 to 200 characters)");
            return null;
        }
        return value;
    }

    private static java.time.Instant instant(RoutingContext ctx, String name, boolean required, JsonChecks c) {
        String raw = ctx.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            if (required) {
                c.add(name, "is required (an ISO-8601 instant, e.g. 2026-01-01T12:00:00Z)");
            }
            return null;
        }
        try {
            return java.time.Instant.parse(raw);
        } catch (DateTimeParseException e) {
            c.add(name, "must be an ISO-8601 instant, e.g. 2026-01-01T12:00:00Z");
            return null;
        }
    }

    SimResponse performance(RoutingContext ctx) {
        JsonChecks c = new JsonChecks();
        String widgetId = ctx.request().getParam("widget_id");
        if (widgetId == null || widgetId.isBlank()) {
            c.add("widget_id", "is required");
        }
        LocalDate start = date(ctx, "start_date", c);
        LocalDate end = date(ctx, "end_date", c);
        if (start != null && end != null && (end.isBefore(start) || ChronoUnit.DAYS.between(start, end) >= MAX_DAYS)) {
            c.add("end_date", "must be on or after start_date and at most " + MAX_DAYS + " days after it");
        }
        List<String> metrics = metrics(ctx.request().getParam("metrics"), c);
        if (!c.errors().isEmpty()) {
            return SimResponse.errors(400, c.errors());
        }
        Map<String, List<Point>> series = new LinkedHashMap<>();
        for (String metric : metrics) {
            List<Point> points = new ArrayList<>();
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                String theme = widgets.themeAt(widgetId, day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1));
                points.add(new Point(day.toString(), value(widgetId, day, metric), theme));
            }
            series.put(metric, points);
        }
        return SimResponse.of(200, new Performance(widgetId, start.toString(), end.toString(), "ms", series));
    }

    /** Deterministic: String.hashCode is specified, so every JVM draws the same value for the same inputs. */
    static long value(String widgetId, LocalDate day, String metric) {
        int[] range = METRICS.get(metric);
        return new SplittableRandom((widgetId + '|' + day + '|' + metric).hashCode()).nextInt(range[0], range[1]);
    }

    private static LocalDate date(RoutingContext ctx, String name, JsonChecks c) {
        String raw = ctx.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            c.add(name, "is required (YYYY-MM-DD)");
            return null;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            c.add(name, "must be a date YYYY-MM-DD");
            return null;
        }
    }

    private static List<String> metrics(String raw, JsonChecks c) {
        if (raw == null || raw.isBlank()) {
            return List.of("first_paint", "theme_load_time", "render_duration");
        }
        List<String> out = new ArrayList<>();
        for (String name : raw.split(",")) {
            String metric = name.trim();
            if (!METRICS.containsKey(metric)) {
                c.add("metrics", "unknown metric '" + io.cxone.themes.web.JsonPaths.truncate(metric) + "'; use first_paint, theme_load_time, render_duration");
            } else if (!out.contains(metric)) {
                out.add(metric);
            }
        }
        return out;
    }
}
