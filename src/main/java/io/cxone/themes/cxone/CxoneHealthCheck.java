package io.cxone.themes.cxone;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.cxone.themes.simulator.SimulatorSwitch;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;

/**
 * UP when CXone is reachable and accepts our credentials: one authenticated, unretried read of a probe widget. The
 * answer is reused for a while so that probes never hammer CXone.
 * <p>
 * In the health group {@code cxone} ({@code /q/health/group/cxone}), never in readiness: a CXone outage would otherwise
 * take every pod out of its Service at once, although drafts, validation, preview and audit need no CXone.
 */
@HealthGroup(CxoneHealthCheck.GROUP)
@ApplicationScoped
public class CxoneHealthCheck implements AsyncHealthCheck {
    public static final String GROUP = "cxone";

    private record Cached(HealthCheckResponse response, Instant until) {
    }

    private final CxoneApi api;
    private final CxoneSettings settings;
    private final SimulatorSwitch simulator;
    private final AtomicReference<Cached> cache = new AtomicReference<>();

    public CxoneHealthCheck(@RestClient CxoneApi api, CxoneSettings settings, SimulatorSwitch simulator) {
        this.api = api;
        this.settings = settings;
        this.simulator = simulator;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        Cached cached = cache.get();
        if (cached != null && Instant.now().isBefore(cached.until())) {
            return Uni.createFrom().item(cached.response());
        }
        String path = PathTemplate.expand(settings.paths().assignments(), "widgetId", settings.health().probeWidgetId());
        return CxoneClient.guarded(() -> api.assignments(path, 1, 1))
                .ifNoItem().after(settings.health().timeout()).fail()
                .map(page -> response(true, "reachable and authenticated"))
                .onFailure().recoverWithItem(this::down)
                .invoke(r -> cache.set(new Cached(r, Instant.now().plus(settings.health().cacheFor()))));
    }

    private HealthCheckResponse down(Throwable failure) {
        String reason;
        if (failure instanceof CxoneException.Unauthorized) {
            reason = "CXone refused our credentials (401): check CXONE_CLIENT_ID / CXONE_CLIENT_SECRET or the access key";
        } else if (failure instanceof CxoneException e && e.code() == 0) {
            // not the message: it names the address that refused (host and port), and this group is open
            reason = "no answer from CXone (connection refused, reset or closed)";
        } else if (failure instanceof CxoneException.Rejected e && e.code() == 404) {
            // a 404 for the probe widget still proves reachability and authentication
            return response(true, "reachable and authenticated");
        } else if (failure instanceof CxoneException e) {
            reason = "CXone answered " + e.code();
        } else {
            reason = "no answer within " + settings.health().timeout().toMillis() + " ms";
        }
        return response(false, reason);
    }

    /**
     * State only: this group is open (like readiness), so it names no URL, host or address of CXone; operators find the
     * configured target in their configuration (CXONE_BASE_URL) and the failure's details in the log.
     */
    private HealthCheckResponse response(boolean up, String status) {
        return HealthCheckResponse.named("cxone").status(up)
                // the same rule as the simulator's routes: CXONE_SIMULATOR=true turns it on beside a base URL too
                .withData("simulator", simulator.on())
                .withData("status", status)
                .build();
    }
}
