package io.cxone.themes.cxone;

import static java.time.temporal.ChronoUnit.SECONDS;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.cxone.themes.cxone.WireDtos.AssignmentPage;
import io.cxone.themes.cxone.WireDtos.AssignmentsRequest;
import io.cxone.themes.cxone.WireDtos.BatchSyncRequest;
import io.cxone.themes.cxone.WireDtos.BatchSyncResponse;
import io.cxone.themes.cxone.WireDtos.CreatedTheme;
import io.cxone.themes.cxone.WireDtos.CxoneAssignment;
import io.cxone.themes.cxone.WireDtos.CxoneTheme;
import io.cxone.themes.cxone.WireDtos.ThemeStatus;
import io.cxone.themes.text.Text;
import io.quarkus.oidc.client.OidcClientException;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.mutiny.Uni;

/**
 * The one way into CXone. Each call: one extra attempt after a 401 (with the token that replaced the refused one),
 * retries with backoff on 429, 5xx, timeouts and lost connections (honouring Retry-After), a per-call timeout, a
 * bounded total retry time, and a circuit breaker that fails callers fast while CXone is down. 4xx never retries.
 */
@ApplicationScoped
@Retry(maxRetries = CxoneClient.MAX_RETRIES, delay = 200, jitter = 0, maxDuration = 45, durationUnit = SECONDS,
        retryOn = { CxoneException.Transient.class, CxoneException.Throttled.class, TimeoutException.class },
        abortOn = { CxoneException.Rejected.class, CxoneException.Unauthorized.class, CircuitBreakerOpenException.class })
@CustomBackoff(RetryAfterBackoff.class)
// per method; a wide window so that 30 % random 5xx never trips it, while a CXone that is down does within seconds;
// throttling (429) is CXone asking us to slow down, not an outage, so it never opens the breaker; each method's breaker
// is named (@CircuitBreakerName) so that CircuitBreakerMaintenance can report and reset it
@CircuitBreaker(requestVolumeThreshold = 40, failureRatio = 0.75, delay = CxoneClient.BREAKER_DELAY_SECONDS,
        delayUnit = SECONDS, successThreshold = 2,
        skipOn = { CxoneException.Rejected.class, CxoneException.Unauthorized.class, CxoneException.Throttled.class })
@Timeout(value = 15, unit = SECONDS)
public class CxoneClient {
    /** Attempts that CXone errors or silence make worth repeating. */
    static final int MAX_RETRIES = 8;
    /** How long an open breaker fails calls before it lets one through: a caller that pauses waits this long. */
    public static final long BREAKER_DELAY_SECONDS = 5;

    private final CxoneApi api;
    private final CxoneSettings.Paths paths;
    private final CxoneMetrics metrics;

    public CxoneClient(@RestClient CxoneApi api, CxoneSettings settings, CxoneMetrics metrics) {
        this.api = api;
        this.paths = settings.paths();
        this.metrics = metrics;
    }

    @CircuitBreakerName("cxone.create-theme")
    public Uni<CreatedTheme> createTheme(String widgetId, CxoneTheme theme) {
        return metrics.timed("create-theme",
                guarded(() -> api.createTheme(PathTemplate.expand(paths.createTheme(), "widgetId", widgetId), theme)));
    }

    @Timeout(value = 10, unit = SECONDS)
    @CircuitBreakerName("cxone.theme-status")
    public Uni<ThemeStatus> themeStatus(String themeId) {
        return metrics.timed("theme-status",
                guarded(() -> api.themeStatus(PathTemplate.expand(paths.themeStatus(), "themeId", themeId))));
    }

    @Timeout(value = 10, unit = SECONDS)
    @CircuitBreakerName("cxone.assignments-page")
    public Uni<AssignmentPage> assignmentsPage(String widgetId, int page, int pageSize) {
        return metrics.timed("assignments-page",
                guarded(() -> api.assignments(PathTemplate.expand(paths.assignments(), "widgetId", widgetId), page, pageSize)));
    }

    @CircuitBreakerName("cxone.put-assignments")
    public Uni<JsonNode> putAssignments(String widgetId, List<CxoneAssignment> assignments) {
        AssignmentsRequest body = new AssignmentsRequest(widgetId, assignments, "weighted_random");
        return metrics.timed("put-assignments",
                guarded(() -> api.putAssignments(PathTemplate.expand(paths.assignments(), "widgetId", widgetId), body)));
    }

    @Timeout(value = 30, unit = SECONDS)
    @CircuitBreakerName("cxone.batch-sync")
    public Uni<BatchSyncResponse> batchSync(BatchSyncRequest request) {
        return metrics.timed("batch-sync", guarded(() -> api.batchSync(paths.batchSync(), request)));
    }

    @CircuitBreakerName("cxone.performance")
    public Uni<JsonNode> performance(String widgetId, String startDate, String endDate, String metrics) {
        return this.metrics.timed("performance",
                guarded(() -> api.performance(paths.performance(), widgetId, startDate, endDate, metrics)));
    }

    /** What {@code themeId} measured on the widget from {@code startTime} (ISO-8601) until CXone's now. */
    @Timeout(value = 10, unit = SECONDS)
    @CircuitBreakerName("cxone.theme-performance")
    public Uni<WireDtos.ThemePerformance> themePerformance(String widgetId, String themeId, String startTime) {
        return metrics.timed("theme-performance", guarded(() -> api.themePerformance(paths.themePerformance(),
                widgetId, themeId, startTime)));
    }

    /** A 401 means our token went stale ({@link CxoneUnauthorizedFilter} has replaced it): one more attempt with the new one. */
    static <T> Uni<T> guarded(Supplier<Uni<T>> call) {
        return translated(Uni.createFrom().deferred(call::get))
                .onFailure(CxoneException.Unauthorized.class)
                .recoverWithUni(() -> translated(Uni.createFrom().deferred(call::get)));
    }

    /**
     * No answer at all (refused, reset, closed, read timeout) is as transient as a 503. A refused token request is
     * an authentication failure like a 401 (its message is the token endpoint's error body, never our request).
     */
    static <T> Uni<T> translated(Uni<T> call) {
        return call.onFailure(ConnectionFailures::isConnectionFailure).transform(e -> new CxoneException.Transient(
                "no answer from CXone: " + Text.describe(e), 0, "", Optional.empty()))
                .onFailure(OidcClientException.class).transform(e -> new CxoneException.Unauthorized(
                        "token request refused: " + e.getMessage()));
    }
}
