package io.cxone.themes.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.ext.web.RoutingContext;

/** Applies one theme to many widgets; ids starting {@code missing-} fail so that partial failure is testable. */
@Singleton
public class BatchSyncHandler {
    static final String MISSING_PREFIX = "missing-";

    /** One widget's outcome. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(String widgetId, String status, String error) {
    }

    private final ThemeStore themes;
    private final WidgetStore widgets;
    private final FaultSettings faults;
    private final SimulatorStats stats;
    private final WireJson json;
    private final SimClock clock;

    public BatchSyncHandler(ThemeStore themes, WidgetStore widgets, FaultSettings faults, SimulatorStats stats, WireJson json,
            SimClock clock) {
        this.themes = themes;
        this.widgets = widgets;
        this.faults = faults;
        this.stats = stats;
        this.json = json;
        this.clock = clock;
    }

    SimResponse sync(RoutingContext ctx) {
        JsonNode body = json.body(ctx);
        int max = faults.current().maxBatchSize();
        JsonChecks c = new JsonChecks();
        JsonNode ids = body.get("widget_ids");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            c.add("widget_ids", "must be a non-empty array of widget ids");
        } else if (ids.size() > max) {
            c.add("widget_ids", "at most " + max + " widget ids per call (got " + ids.size() + ")");
        } else {
            for (int i = 0; i < ids.size(); i++) {
                if (!ids.get(i).isTextual() || ids.get(i).asText().isBlank()) {
                    c.add("widget_ids[" + i + "]", "must be a non-blank string");
                }
            }
        }
        String target = c.string(body, "", "target_theme_id", 100, true);
        ThemeStore.StoredTheme theme = themes.find(target).orElse(null);
        if (target != null && theme == null) {
            c.add("target_theme_id", "theme not found");
        } else if (theme != null && "FAILED".equals(theme.status(clock.now()).state())) {
            c.add("target_theme_id", "theme failed activation and cannot be applied");
        }
        JsonNode override = body.get("override_existing");
        if (override != null && !override.isNull() && !override.isBoolean()) {
            c.add("override_existing", "must be true or false");
        }
        if (!c.errors().isEmpty()) {
            return SimResponse.errors(400, c.errors());
        }
        boolean overrideExisting = override != null && override.asBoolean();
        List<Result> results = new ArrayList<>();
        for (JsonNode id : ids) {
            results.add(apply(id.asText(), target, overrideExisting));
        }
        return SimResponse.of(200, Map.of("results", results));
    }

    private Result apply(String widgetId, String target, boolean overrideExisting) {
        if (widgetId.startsWith(MISSING_PREFIX)) {
            return new Result(widgetId, "FAILED", "widget not found");
        }
        Instant now = clock.now();
        String current = widgets.themeAt(widgetId, now);
        if (target.equals(current) || (current != null && !overrideExisting)) {
            return new Result(widgetId, "SKIPPED", null);
        }
        widgets.becomes(widgetId, target, now);
        stats.batchSyncApplied(widgetId);
        return new Result(widgetId, "SYNCED", null);
    }
}
