package io.cxone.themes.cxone;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where CXone is and how we call it; every path is configuration because the contract is not confirmed upstream. */
@ConfigMapping(prefix = "cxone")
public interface CxoneSettings {
    /** CXONE_BASE_URL; unset means the built-in simulator. */
    Optional<String> baseUrl();

    String simulatorUrl();

    /** CXONE_CHANNEL_BASE_URL: the public channel host template, e.g. {@code https://channels-de-{env}.{domain}}. */
    Optional<String> channelBaseUrl();

    String simulatorChannelUrl();

    /** CXONE_AUTH_SERVER_URL: where OAuth lives when it is not the API host (e.g. https://cxone.niceincontact.com). */
    Optional<String> authServerUrl();

    /** CXONE_TOKEN_URL: the token endpoint, absolute or relative to the auth server. */
    Optional<String> tokenUrl();

    /** CXONE_TOKEN_DISCOVERY: find the token endpoint in /.well-known/openid-configuration. */
    Optional<Boolean> tokenDiscovery();

    /** CXONE_GRANT: client_credentials (default) or password (CXone access keys); see CxoneGrantConfigSourceFactory. */
    Optional<String> grant();

    /** The OIDC client's name for {@link #grant()}; derived, not set by users. */
    Optional<String> grantType();

    /** CXONE_CLIENT_ID. */
    Optional<String> clientId();

    /** CXONE_CLIENT_SECRET: used only by the OIDC client, never logged. */
    Optional<String> clientSecret();

    /** CXONE_ACCESS_KEY_ID, for the password grant. */
    Optional<String> accessKeyId();

    /** CXONE_ACCESS_KEY_SECRET, for the password grant; never logged. */
    Optional<String> accessKeySecret();

    Paths paths();

    Retry retry();

    Health health();

    /**
     * How long one token request may go unanswered before it fails (as a lost connection, hence retried) and is
     * forgotten: a token endpoint that never answers must not hold every caller forever.
     */
    @WithDefault("10s")
    Duration tokenFetchTimeout();

    /** Pages of a paged list fetched at once after the first page said how many there are. */
    @WithDefault("4")
    int pageConcurrency();

    /** The URL our client calls: the configured CXone, else the simulator. */
    default String effectiveBaseUrl() {
        return baseUrl().filter(s -> !s.isBlank()).orElse(simulatorUrl());
    }

    /** Path templates; {@code {name}} placeholders are filled with percent-encoded values. */
    interface Paths {
        @WithDefault("/api/v1/omnichannel/webmessaging/widgets/{widgetId}/themes")
        String createTheme();

        @WithDefault("/api/v1/omnichannel/webmessaging/themes/{themeId}/status")
        String themeStatus();

        @WithDefault("/api/v1/omnichannel/webmessaging/widgets/{widgetId}/theme-assignments")
        String assignments();

        @WithDefault("/api/v1/omnichannel/webmessaging/widgets/batch-sync")
        String batchSync();

        @WithDefault("/api/v1/analytics/webmessaging/widget-performance")
        String performance();

        /** Per-theme p95 and samples since an instant (a canary's gate); our assumption, see docs/governance.md. */
        @WithDefault("/api/v1/analytics/webmessaging/theme-performance")
        String themePerformance();
    }

    /** Backoff settings read by {@link RetryAfterBackoff}; attempt counts and budgets live on the annotations. */
    interface Retry {
        /** A Retry-After longer than this is cut to it, so one upstream answer cannot park a caller for hours. */
        @WithDefault("30s")
        Duration maxRetryAfter();

        /** Cap of the exponential backoff between attempts. */
        @WithDefault("4s")
        Duration maxBackoff();
    }

    /** Readiness probing. */
    interface Health {
        @WithDefault("readiness-probe")
        String probeWidgetId();

        /** How long a readiness answer is reused, so probes never hammer CXone. */
        @WithDefault("15s")
        Duration cacheFor();

        @WithDefault("3s")
        Duration timeout();
    }
}
