package io.cxone.themes.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.cxone.CxoneClient;
import io.cxone.themes.cxone.CxoneErrors;
import io.cxone.themes.cxone.CxoneException;
import io.cxone.themes.cxone.WireDtos.ThemeStatus;
import io.cxone.themes.jobs.Lease;
import io.cxone.themes.jobs.LostLease;
import io.cxone.themes.theme.draft.ThemeVersions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * One step of a publication job: submit (QUEUED) or poll (SUBMITTED, ACTIVATING). Each step stores its progress before
 * and after the CXone call, so a job resumed anywhere repeats at most the call that was in flight, and a repeated
 * submit reuses the stored UUID and tag: a 409 for a theme that turns out to be ours counts as success.
 */
@ApplicationScoped
class PublicationJob {
    private final CxoneClient cxone;
    private final JobStore store;
    private final ThemeVersions versions;
    private final Pool pool;
    private final PollSchedule schedule;
    private final PublishConfig config;
    private final ObjectMapper mapper;

    PublicationJob(CxoneClient cxone, JobStore store, ThemeVersions versions, Pool pool, PublishConfig config,
            ObjectMapper mapper) {
        this.cxone = cxone;
        this.store = store;
        this.versions = versions;
        this.pool = pool;
        this.schedule = PollSchedule.of(config);
        this.config = config;
        this.mapper = mapper;
    }

    /** Carries the job one step forward and answers it as saved (with {@code nextRunAt} for the next step). */
    Uni<PublicationTask> step(PublicationTask p, Lease lease) {
        Instant now = Instant.now();
        if (!now.isBefore(p.request().deadlineAt())) {
            return fail(lease, p, "not ACTIVE within the deadline of " + config.deadline().toSeconds() + " s (it was "
                    + p.state() + " after " + p.progress().attempts() + " submit attempts and " + p.progress().polls()
                    + " status polls); publish again, or raise app.publish.deadline if CXone is this slow");
        }
        return p.state() == Publication.State.QUEUED ? submit(lease, p) : poll(lease, p);
    }

    private Uni<PublicationTask> submit(Lease lease, PublicationTask p) {
        Instant now = Instant.now();
        // the attempt is on record before CXone hears of it
        return store.save(lease, p.attempted(now))
                .chain(saved -> versions.find(pool, saved.request().themeId(), saved.request().themeVersion())
                        .map(found -> CxoneThemes.toCxone(found.orElseThrow().version().orElseThrow().content(),
                                saved.request().cxoneThemeId(), saved.progress().versionTag()))
                        .chain(body -> cxone.createTheme(saved.request().widgetId(), body))
                        .chain(created -> submitted(lease, saved, false))
                        .onFailure().recoverWithUni(e -> submitFailed(lease, saved, e)));
    }

    private Uni<PublicationTask> submitFailed(Lease lease, PublicationTask p, Throwable e) {
        if (e instanceof LostLease) {
            return Uni.createFrom().failure(e);
        }
        if (e instanceof CxoneException.Rejected r && r.code() == 409) {
            // ours after all when an earlier answer was lost; otherwise the tag belongs to another theme
            return cxone.themeStatus(p.request().cxoneThemeId().toString()).chain(status -> submitted(lease, p, true))
                    .onFailure(f -> f instanceof CxoneException.Rejected x && x.code() == 404)
                    .recoverWithUni(() -> conflict(lease, p))
                    .onFailure(f -> !(f instanceof LostLease)).recoverWithUni(f -> retryLater(lease, p, f));
        }
        if (e instanceof CxoneException.Rejected r) {
            String said = CxoneErrors.summary(r.body()); // CXone's field errors only, cleaned; never its raw body
            return fail(lease, p, "CXone refused the theme (" + r.code() + ")" + (said.isEmpty() ? "" : ": " + said));
        }
        return retryLater(lease, p, e);
    }

    private Uni<PublicationTask> conflict(Lease lease, PublicationTask p) {
        if (p.request().onConflict() == Publication.OnConflict.fail) {
            return fail(lease, p, "version tag '" + p.progress().versionTag() + "' already exists for widget "
                    + p.request().widgetId() + " in CXone "
                    + "(versions are immutable); publish again with another versionTag, or with onConflict=suffix");
        }
        String tag = p.requestedVersionTag() + "-" + (p.conflicts() + 2);
        return store.save(lease, p.retagged(tag, Instant.now()));
    }

    private Uni<PublicationTask> submitted(Lease lease, PublicationTask p, boolean recovered) {
        Instant now = Instant.now();
        // the first poll too is never after the deadline (a submit that took long would otherwise overshoot it)
        Instant firstPoll = now.plus(schedule.next(0, 0, ThreadLocalRandom.current().nextDouble()));
        Instant deadline = p.request().deadlineAt();
        PublicationTask next = p.submitted(now, firstPoll.isAfter(deadline) ? deadline : firstPoll);
        ObjectNode details = details(p, lease).put("attempts", p.progress().attempts())
                .put("recoveredFrom409", recovered);
        return store.save(lease, next, PublicationService.entry("publication.submitted", next.view(), details));
    }

    private Uni<PublicationTask> poll(Lease lease, PublicationTask p) {
        Instant sent = Instant.now(); // intervals run from poll to poll: the call's own time is not added to the lag
        return cxone.themeStatus(p.request().cxoneThemeId().toString()).chain(status -> polled(lease, p, status, sent))
                .onFailure(e -> !(e instanceof LostLease)).recoverWithUni(e -> retryLater(lease,
                        p.polled(Instant.now()), e));
    }

    private Uni<PublicationTask> polled(Lease lease, PublicationTask p, ThemeStatus status, Instant sent) {
        Instant now = Instant.now();
        PublicationTask counted = p.polled(now);
        String state = status.state() == null ? "" : status.state();
        switch (state) {
            case "ACTIVE": {
                PublicationTask next = counted.activated(now);
                ObjectNode details = details(next, lease).put("polls", next.progress().polls())
                        .put("activationMs", next.view().activationMs()).put("cxoneUpdatedAt", status.updatedAt());
                return store.save(lease, next, PublicationService.entry("publication.activated", next.view(), details));
            }
            case "FAILED":
                return fail(lease, counted, "CXone could not activate the theme: "
                        + (status.errorMessage() == null ? "no reason given" : status.errorMessage()));
            case "PROCESSING":
                return store.save(lease, nextPoll(counted.state() == Publication.State.SUBMITTED
                        ? counted.activating(now) : counted, Duration.ZERO, sent));
            default:
                return store.save(lease, nextPoll(counted, Duration.ZERO, sent));
        }
    }

    private PublicationTask nextPoll(PublicationTask p, Duration atLeast, Instant from) {
        Instant submitted = p.progress().submittedAt();
        long since = submitted == null ? 0 : from.toEpochMilli() - submitted.toEpochMilli();
        Duration wait = schedule.next(since, p.progress().polls(), ThreadLocalRandom.current().nextDouble());
        Instant at = from.plus(wait.compareTo(atLeast) >= 0 ? wait : atLeast); // already past: JobStore runs it now
        return p.scheduled(at.isAfter(p.request().deadlineAt()) ? p.request().deadlineAt() : at);
    }

    /** CXone did not answer usefully: the job stays where it is and tries again later (Retry-After honoured). */
    private Uni<PublicationTask> retryLater(Lease lease, PublicationTask p, Throwable e) {
        Duration after = e instanceof CxoneException c ? c.retryAfter().orElse(config.retryDelay()) : config.retryDelay();
        Instant now = Instant.now();
        Instant at = p.state() == Publication.State.QUEUED ? now.plus(after) : nextPoll(p, after, now).nextRunAt();
        PublicationTask troubled = p.troubled(e.getClass().getSimpleName() + ": " + e.getMessage(),
                at.isAfter(p.request().deadlineAt()) ? p.request().deadlineAt() : at, now);
        return store.save(lease, troubled);
    }

    private Uni<PublicationTask> fail(Lease lease, PublicationTask p, String reason) {
        PublicationTask next = p.failed(reason, Instant.now());
        ObjectNode details = details(next, lease).put("reason", reason).put("attempts", next.progress().attempts())
                .put("polls", next.progress().polls());
        AuditEntry entry = new AuditEntry("publication.failed", AuditEntry.FAILURE, next.request().themeId().toString(),
                next.request().widgetId(), next.id().toString(), null, details);
        return store.save(lease, next, entry);
    }

    private ObjectNode details(PublicationTask p, Lease lease) {
        // the instance shows which process did the step (several may share the database)
        return mapper.createObjectNode().put("requestedBy", p.request().requestedBy()).put("instance", lease.owner())
                .put("versionTag", p.progress().versionTag()).put("version", p.request().themeVersion())
                .put("cxoneThemeId", p.request().cxoneThemeId().toString());
    }
}
