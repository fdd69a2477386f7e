package io.cxone.themes.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.ext.web.RoutingContext;

/** Theme creation (immutable version tags, asynchronous activation) and the theme status endpoint. */
@Singleton
public class ThemeHandler {

    /** The 201 answer. */
    record Created(String id, String versionTag, String state) {
    }

    private final ThemeStore themes;
    private final WidgetStore widgets;
    private final FaultSettings faults;
    private final SimulatorStats stats;
    private final WireJson json;
    private final SimClock clock;

    public ThemeHandler(ThemeStore themes, WidgetStore widgets, FaultSettings faults, SimulatorStats stats, WireJson json,
            SimClock clock) {
        this.themes = themes;
        this.widgets = widgets;
        this.faults = faults;
        this.stats = stats;
        this.json = json;
        this.clock = clock;
    }

    SimResponse create(RoutingContext ctx) {
        String widgetId = ctx.pathParam("widgetId");
        JsonNode body = json.body(ctx);
        List<WireError> errors = ThemeShape.check(body);
        if (!errors.isEmpty()) {
            return SimResponse.errors(400, errors);
        }
        Faults f = faults.current();
        // delay and outcome are fixed now, so later fault changes never rewrite a theme's history
        ThemeStore.StoredTheme theme = new ThemeStore.StoredTheme(body.get("id").asText(), widgetId,
                body.get("version_tag").asText(), clock.now(), f.activationDelayMs(), faults.chance(f.activationFailRate()));
        Optional<ThemeStore.Conflict> conflict = themes.create(theme);
        if (conflict.isPresent()) {
            return conflict.get() == ThemeStore.Conflict.ID
                    ? SimResponse.error(409, "id", "a theme with this id already exists")
                    : SimResponse.error(409, "version_tag", "version_tag '" + theme.versionTag()
                            + "' already exists for widget " + widgetId + "; versions are immutable");
        }
        stats.themeCreated(widgetId);
        if (!theme.fails()) {
            widgets.becomes(widgetId, theme.id(), theme.activatedAt());
        }
        return SimResponse.of(201, new Created(theme.id(), theme.versionTag(), "PENDING"));
    }

    SimResponse status(RoutingContext ctx) {
        String themeId = ctx.pathParam("themeId");
        return themes.find(themeId)
                .map(theme -> SimResponse.of(200, theme.status(clock.now())))
                .orElseGet(() -> SimResponse.error(404, "theme_id", "theme not found"));
    }
}
