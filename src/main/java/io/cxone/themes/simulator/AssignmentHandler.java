package io.cxone.themes.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.ext.web.RoutingContext;

/** Replaces and pages through a widget's theme assignments. */
@Singleton
public class AssignmentHandler {
    static final String STRATEGY = "weighted_random";
    static final int MAX_PAGE_SIZE = 50;

    /** The PUT answer: the stored list. */
    record Stored(String widgetId, List<WidgetStore.Assignment> assignments, String strategy) {
    }

    /** One page of the GET answer. */
    record Page(List<WidgetStore.Assignment> items, int page, int pageSize, int totalPages, int totalItems) {
    }

    private final WidgetStore widgets;
    private final ThemeStore themes;
    private final WireJson json;
    private final SimClock clock;

    public AssignmentHandler(WidgetStore widgets, ThemeStore themes, WireJson json, SimClock clock) {
        this.widgets = widgets;
        this.themes = themes;
        this.json = json;
        this.clock = clock;
    }

    SimResponse replace(RoutingContext ctx) {
        String widgetId = ctx.pathParam("widgetId");
        JsonNode body = json.body(ctx);
        JsonChecks c = new JsonChecks();
        String bodyWidget = c.string(body, "", "widget_id", 200, false);
        if (bodyWidget != null && !bodyWidget.equals(widgetId)) {
            c.add("widget_id", "must match the widget id in the path");
        }
        String strategy = c.string(body, "", "strategy", 50, true);
        if (strategy != null && !STRATEGY.equals(strategy)) {
            c.add("strategy", "must be " + STRATEGY);
        }
        List<WidgetStore.Assignment> list = new ArrayList<>();
        JsonNode items = c.array(body, "assignments", 0, 1000);
        for (int i = 0; items != null && i < items.size(); i++) {
            String path = "assignments[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                c.add(path, "must be an object");
                continue;
            }
            String themeId = c.string(item, path, "theme_id", 100, true);
            if (themeId != null && !themes.exists(themeId)) {
                c.add(path + ".theme_id", "theme not found");
            }
            JsonNode weight = item.get("traffic_weight");
            if (weight == null || !weight.isNumber() || weight.asDouble() < 0 || weight.asDouble() > 1) {
                c.add(path + ".traffic_weight", "must be a number from 0 to 1");
            }
            list.add(new WidgetStore.Assignment(themeId, c.string(item, path, "segment_id", 100, false),
                    c.string(item, path, "geo_region", 100, false), weight == null ? 0 : weight.asDouble()));
        }
        if (!c.errors().isEmpty()) {
            return SimResponse.errors(400, c.errors());
        }
        widgets.replaceAssignments(widgetId, list, clock.now());
        return SimResponse.of(200, new Stored(widgetId, widgets.assignments(widgetId), STRATEGY));
    }

    SimResponse page(RoutingContext ctx) {
        JsonChecks c = new JsonChecks();
        int page = param(ctx, "page", 1, Integer.MAX_VALUE, 1, c);
        int size = param(ctx, "page_size", 1, MAX_PAGE_SIZE, 20, c);
        if (!c.errors().isEmpty()) {
            return SimResponse.errors(400, c.errors());
        }
        List<WidgetStore.Assignment> all = widgets.assignments(ctx.pathParam("widgetId"));
        int totalPages = (all.size() + size - 1) / size;
        long from = (long) (page - 1) * size;
        List<WidgetStore.Assignment> items = from >= all.size() ? List.of()
                : all.subList((int) from, (int) Math.min(all.size(), from + size));
        return SimResponse.of(200, new Page(items, page, size, totalPages, all.size()));
    }

    private static int param(RoutingContext ctx, String name, int min, int max, int fallback, JsonChecks c) {
        String raw = ctx.request().getParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range value
        }
        c.add(name, "must be an integer from " + min + " to " + max);
        return fallback;
    }
}
