package io.cxone.themes.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

/**
 * How fast each theme is in the simulator's per-theme analytics: a test makes a theme slower, or starves it of
 * samples, through {@code PUT /simulator/admin/analytics}. A theme nobody configured gets figures drawn
 * deterministically from its id and {@link #DEFAULT_SAMPLES_PER_MINUTE}.
 */
@Singleton
public class ThemeAnalytics {
    /** Samples a minute a theme gets at full traffic: at 5 % traffic a one-minute hold sees 300 of them. */
    static final int DEFAULT_SAMPLES_PER_MINUTE = 6000;

    /** One theme's p95 figures (ms) and how many samples a minute it gets at full traffic. */
    public record Profile(String themeId, long themeLoadP95Ms, long renderP95Ms, long firstPaintP95Ms,
            long samplesPerMinute) {
    }

    private final Map<String, Profile> profiles = new ConcurrentHashMap<>();
    private final Capacity capacity;

    public ThemeAnalytics(Capacity capacity) {
        this.capacity = capacity;
    }

    /** The configured profile, else the theme's deterministic default. */
    Profile profile(String themeId) {
        Profile set = profiles.get(themeId);
        return set != null ? set : defaults(themeId);
    }

    static Profile defaults(String themeId) {
        return new Profile(themeId, draw(themeId, "theme_load_time"), draw(themeId, "render_duration"),
                draw(themeId, "first_paint"), DEFAULT_SAMPLES_PER_MINUTE);
    }

    /** Deterministic per theme and metric, inside the metric's plausible range (as the daily series). */
    private static long draw(String themeId, String metric) {
        int[] range = AnalyticsHandler.METRICS.get(metric);
        return new java.util.SplittableRandom((themeId + '|' + metric).hashCode()).nextInt(range[0], range[1]);
    }

    void set(Profile profile) {
        capacity.admit(profiles, profile.themeId(), "analytics profiles");
        profiles.put(profile.themeId(), profile);
    }

    void clear() {
        profiles.clear();
    }
}
