package io.cxone.themes.jobs;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * This process as a job worker: the one lease-owner identity every job kind uses, whether it runs jobs at all
 * ({@code APP_JOBS}), and how long a graceful stop waits for work in flight before it hands the rest back.
 * <p>
 * {@code APP_JOBS=off} is for API-only replicas (the split and serverless deployments): they serve every endpoint and
 * queue jobs in the database, and an always-on worker replica runs them — so a job never waits for an API replica
 * that was scaled to zero.
 */
@ApplicationScoped
public class ThisInstance {
    private static final Logger LOG = Logger.getLogger(ThisInstance.class);

    /** {@code APP_JOBS}: anything but on/off fails at startup, naming the key (a typo must not silently stop jobs). */
    public enum Jobs {
        ON, OFF
    }

    // unique per process: a restarted service never takes old leases for its own
    private final String owner = "instance-" + UUID.randomUUID();
    private final boolean runsJobs;
    private final Duration drainTimeout;

    ThisInstance(@ConfigProperty(name = "app.jobs", defaultValue = "on") Jobs jobs,
            @ConfigProperty(name = "app.job-drain-timeout", defaultValue = "10s") Duration drainTimeout) {
        this.runsJobs = jobs == Jobs.ON;
        this.drainTimeout = drainTimeout;
    }

    void announce(@Observes StartupEvent event) {
        if (runsJobs) {
            LOG.infof("Jobs run here as %s (APP_JOBS=on; a graceful stop waits up to %d s for work in flight, then "
                    + "releases its leases)", owner, drainTimeout.toSeconds());
        } else {
            LOG.info("Jobs are off here (APP_JOBS=off): this instance serves the API and queues jobs; an instance with "
                    + "APP_JOBS=on must run somewhere, or publications and sync jobs stay queued");
        }
    }

    /** The lease owner name of this process. Read through this method (a CDI client proxy's own fields are null). */
    public String owner() {
        return owner;
    }

    public boolean runsJobs() {
        return runsJobs;
    }

    /** How long a graceful stop waits for steps in flight before releasing what it still holds. */
    public Duration drainTimeout() {
        return drainTimeout;
    }
}
