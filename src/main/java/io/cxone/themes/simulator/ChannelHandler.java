package io.cxone.themes.simulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.ext.web.RoutingContext;

/** The public channel appearance endpoint (camelCase, no auth, no faults but the override's) and its admin override. */
@Singleton
public class ChannelHandler {

    /** The live chat window's colours. */
    record Colors(String buttonColor, String headerBgColor, String headerFontColor, String themeColor, String textColor,
            String widgetBgColor, String widgetFontColor) {
    }

    /** Launcher style and side. */
    record Widget(String appearance, String position) {
    }

    /**
     * A proactive popup, as CXone's chat SDK types it ({@code BrandInfoPopup}): its text colours are null when the
     * channel uses CXone's defaults, and its text sits on the widget background unless it has a background image.
     */
    record Popup(String name, String url, int urlTimeout, String appearance, String headlineText, String headlineColor,
            String secondLineText, String secondLineColor, String backgroundImage) {
    }

    /** The answer of the channel endpoint. */
    record Appearance(Colors colors, Widget widget, String customCss, List<Popup> popups) {
    }

    // every preset passes WCAG AA (dark fills under white text, near-black text on white), so defaults import cleanly
    private static final List<Colors> PRESETS = List.of(
            new Colors("#1F3A93", "#1F3A93", "#FFFFFF", "#1F3A93", "#1A1A1A", "#FFFFFF", "#1A1A1A"),
            new Colors("#00695C", "#004D40", "#FFFFFF", "#00695C", "#212121", "#FAFAFA", "#212121"),
            new Colors("#5B2C83", "#3D1D58", "#FFFFFF", "#5B2C83", "#1B1B1B", "#FFFFFF", "#1B1B1B"));

    private final Map<String, JsonNode> overrides = new ConcurrentHashMap<>();
    private final WireJson json;
    private final Capacity capacity;

    public ChannelHandler(WireJson json, Capacity capacity) {
        this.json = json;
        this.capacity = capacity;
    }

    /** Answers the override when one is set, else a default derived only from brand and channel. */
    SimResponse appearance(RoutingContext ctx) {
        String brandId = ctx.pathParam("brandId");
        String channelId = ctx.pathParam("channelId");
        JsonNode override = overrides.get(key(brandId, channelId));
        if (override != null) {
            JsonNode fail = override.path("fail");
            if (fail.path("status").canConvertToInt() && fail.path("status").asInt() >= 400
                    && fail.path("status").asInt() <= 599) {
                // a channel host that fails or throttles (the monitor's tests): the status, with Retry-After if asked
                SimResponse failed = SimResponse.of(fail.path("status").asInt(), new ErrorBody("simulated",
                        "simulated failure of the channel host"));
                return fail.path("retryAfterSeconds").canConvertToInt()
                        ? failed.withHeader("Retry-After", String.valueOf(fail.path("retryAfterSeconds").asInt()))
                        : failed;
            }
            return override.path("notFound").asBoolean(false)
                    ? SimResponse.of(404, new ErrorBody("not_found", "channel not found"))
                    : SimResponse.of(200, override);
        }
        return SimResponse.of(200, defaultAppearance(brandId, channelId));
    }

    static Appearance defaultAppearance(String brandId, String channelId) {
        int hash = Math.abs((brandId + '/' + channelId).hashCode() % 1000);
        Colors colors = PRESETS.get(hash % PRESETS.size());
        // one proactive popup whose text passes on the widget background (dark text and brand colour on white)
        Popup popup = new Popup("Welcome", "", 10, "left", "Need help?", colors.widgetFontColor(),
                "Chat with us now", colors.themeColor(), "");
        return new Appearance(colors, new Widget(hash % 2 == 0 ? "bubble" : "bar", hash / 2 % 2 == 0 ? "right" : "left"),
                "", List.of(popup));
    }

    /**
     * PUT /simulator/admin/channels/{brandId}/{channelId}: the body is served as is ({"notFound":true} makes it 404,
     * {"fail":{"status":503,"retryAfterSeconds":2}} answers that status with that Retry-After). A later PUT changes the
     * live look from then on: that is how tests change a channel over time.
     */
    SimResponse override(RoutingContext ctx) {
        JsonNode body = json.body(ctx);
        String key = key(ctx.pathParam("brandId"), ctx.pathParam("channelId"));
        capacity.admit(overrides, key, "channel_overrides");
        overrides.put(key, body);
        return SimResponse.of(200, body);
    }

    SimResponse restore(RoutingContext ctx) {
        overrides.remove(key(ctx.pathParam("brandId"), ctx.pathParam("channelId")));
        return SimResponse.of(204, null);
    }

    void clear() {
        overrides.clear();
    }

    private static String key(String brandId, String channelId) {
        return brandId + '\u0000' + channelId;
    }
}
