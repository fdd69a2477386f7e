package io.cxone.themes.simulator;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Themes created in the simulator; version tags are unique per widget and never reused (versions are immutable). */
@Singleton
public class ThemeStore {
    static final String FAILURE = "activation failed: the simulated CXone rejected the theme";

    /** A created theme; its state is derived from the clock, so activation needs no timers. */
    record StoredTheme(String id, String widgetId, String versionTag, Instant createdAt, long delayMs, boolean fails) {

        Status status(Instant now) {
            long elapsed = now.toEpochMilli() - createdAt.toEpochMilli();
            if (elapsed >= delayMs) {
                return new Status(id, fails ? "FAILED" : "ACTIVE", fails ? FAILURE : null, iso(activatedAt()));
            }
            if (elapsed >= delayMs / 2) {
                return new Status(id, "PROCESSING", null, iso(createdAt.plusMillis(delayMs / 2)));
            }
            return new Status(id, "PENDING", null, iso(createdAt));
        }

        Instant activatedAt() {
            return createdAt.plusMillis(delayMs);
        }
    }

    /** The wire answer of the status endpoint. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Status(String themeId, String state, String errorMessage, String updatedAt) {
    }

    /** Why a create was refused: which field collided. */
    enum Conflict { ID, VERSION_TAG }

    private final Map<String, StoredTheme> themes = new ConcurrentHashMap<>();
    private final Map<String, String> tagOwners = new ConcurrentHashMap<>();
    private final Capacity capacity;

    public ThemeStore(Capacity capacity) {
        this.capacity = capacity;
    }

    /** Stores the theme, or answers which unique field it collides with. */
    Optional<Conflict> create(StoredTheme theme) {
        if (themes.containsKey(theme.id())) {
            return Optional.of(Conflict.ID);
        }
        capacity.admit(themes, theme.id(), "themes");
        String tagKey = theme.widgetId() + '\u0000' + theme.versionTag();
        if (tagOwners.putIfAbsent(tagKey, theme.id()) != null) {
            return Optional.of(Conflict.VERSION_TAG);
        }
        if (themes.putIfAbsent(theme.id(), theme) != null) {
            tagOwners.remove(tagKey, theme.id()); // lost a race on the id: release the tag we just took
            return Optional.of(Conflict.ID);
        }
        return Optional.empty();
    }

    Optional<StoredTheme> find(String id) {
        return Optional.ofNullable(id == null ? null : themes.get(id));
    }

    boolean exists(String id) {
        return id != null && themes.containsKey(id);
    }

    void clear() {
        themes.clear();
        tagOwners.clear();
    }

    static String iso(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }
}
