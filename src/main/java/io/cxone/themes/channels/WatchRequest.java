package io.cxone.themes.channels;

/** The body of {@code POST /api/v1/channels}; the service checks every field (strict JSON refuses unknown ones). */
public record WatchRequest(String brandId, String channelId, String env, String domain, String name, String themeId,
        Integer intervalSeconds) {
}
