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
    Uni<Publication> step(Publication p) {
        Instant now = Instant.now();
        if (!now.isBefore(p.deadlineAt())) {
            return fail(p, "not ACTIVE within the deadline of " + config.deadline().toSeconds() + " s (it was " + p.state()
                    + " after " + p.attempts() + " submit attempts and " + p.polls() + " status polls); publish again, "
                    + "or raise app.publish.deadline if CXone is this slow");
        }
        return p.state() == Publication.State.QUEUED ? submit(p) : poll(p);
    }

    private Uni<Publication> submit(Publication p) {
        Instant now = Instant.now();
        // the attempt is on record before CXone hears of it
        return store.save(p.counted(p.attempts() + 1, p.polls(), now).at(now))
                .chain(saved -> versions.find(pool, saved.themeId(), saved.themeVersion())
                        .map(found -> CxoneThemes.toCxone(found.orElseThrow().version().orElseThrow().content(),
                                saved.cxoneThemeId(), saved.versionTag()))
                        .chain(body -> cxone.createTheme(saved.widgetId(), body))
                        .chain(created -> submitted(saved, false))
                        .onFailure().recoverWithUni(e -> submitFailed(saved, e)));
    }

    private Uni<Publication> submitFailed(Publication p, Throwable e) {
        if (e instanceof JobStore.LostLease) {
            return Uni.createFrom().failure(e);
        }
        if (e instanceof CxoneException.Rejected r && r.code() == 409) {
            // ours after all when an earlier answer was lost; otherwise the tag belongs to another theme
            return cxone.themeStatus(p.cxoneThemeId().toString()).chain(status -> submitted(p, true))
                    .onFailure(f -> f instanceof CxoneException.Rejected x && x.code() == 404)
                    .recoverWithUni(() -> conflict(p))
                    .onFailure(f -> !(f instanceof JobStore.LostLease)).recoverWithUni(f -> retryLater(p, f));
        }
        if (e instanceof CxoneException.Rejected r) {
            String said = CxoneErrors.summary(r.body()); // CXone's field errors only, cleaned; never its raw body
            return fail(p, "CXone refused the theme (" + r.code() + ")" + (said.isEmpty() ? "" : ": " + said));
        }
        return retryLater(p, e);
    }

    private Uni<Publication> conflict(Publication p) {
        if (p.onConflict() == Publication.OnConflict.fail) {
            return fail(p, "version tag '" + p.versionTag() + "' already exists for widget " + p.widgetId() + " in CXone "
                    + "(versions are immutable); publish again with another versionTag, or with onConflict=suffix");
        }
        String tag = p.requestedVersionTag() + "-" + (p.conflicts() + 2);
        return store.save(p.retagged(tag, p.conflicts() + 1, Instant.now()));
    }

    private Uni<Publication> submitted(Publication p, boolean recovered) {
        Instant now = Instant.now();
        Publication next = p.submitted(now).at(now.plus(schedule.next(0, 0, ThreadLocalRandom.current().nextDouble())));
        ObjectNode details = details(p).put("attempts", p.attempts()).put("recoveredFrom409", recovered);
        return store.save(next, PublicationService.entry("publication.submitted", next, details));
    }

    private Uni<Publication> poll(Publication p) {
        Instant sent = Instant.now(); // intervals run from poll to poll: the call's own time is not added to the lag
        return cxone.themeStatus(p.cxoneThemeId().toString()).chain(status -> polled(p, status, sent))
                .onFailure(e -> !(e instanceof JobStore.LostLease)).recoverWithUni(e -> retryLater(
                        p.counted(p.attempts(), p.polls() + 1, Instant.now()), e));
    }

    private Uni<Publication> polled(Publication p, ThemeStatus status, Instant sent) {
        Instant now = Instant.now();
        Publication counted = p.counted(p.attempts(), p.polls() + 1, now);
        String state = status.state() == null ? "" : status.state();
        switch (state) {
            case "ACTIVE": {
                Publication next = counted.activated(now);
                ObjectNode details = details(next).put("polls", next.polls()).put("activationMs", next.activationMs())
                        .put("cxoneUpdatedAt", status.updatedAt());
                return store.save(next, PublicationService.entry("publication.activated", next, details));
            }
            case "FAILED":
                return fail(counted, "CXone could not activate the theme: "
                        + (status.errorMessage() == null ? "no reason given" : status.errorMessage()));
            case "PROCESSING":
                return store.save(nextPoll(counted.state() == Publication.State.SUBMITTED
                        ? counted.with(Publication.State.ACTIVATING, now) : counted, Duration.ZERO, sent));
            default:
                return store.save(nextPoll(counted, Duration.ZERO, sent));
        }
    }

    private Publication nextPoll(Publication p, Duration atLeast, Instant from) {
        long since = p.submittedAt() == null ? 0 : from.toEpochMilli() - p.submittedAt().toEpochMilli();
        Duration wait = schedule.next(since, p.polls(), ThreadLocalRandom.current().nextDouble());
        Instant at = from.plus(wait.compareTo(atLeast) >= 0 ? wait : atLeast); // already past: JobStore runs it now
        return p.at(at.isAfter(p.deadlineAt()) ? p.deadlineAt() : at);
    }

    /** CXone did not answer usefully: the job stays where it is and tries again later (Retry-After honoured). */
    private Uni<Publication> retryLater(Publication p, Throwable e) {
        Duration after = e instanceof CxoneException c ? c.retryAfter().orElse(config.retryDelay()) : config.retryDelay();
        Instant now = Instant.now();
        Instant at = p.state() == Publication.State.QUEUED ? now.plus(after) : nextPoll(p, after, now).nextRunAt();
        Publication troubled = p.troubled(e.getClass().getSimpleName() + ": " + e.getMessage(),
                at.isAfter(p.deadlineAt()) ? p.deadlineAt() : at, now);
        return store.save(troubled);
    }

    private Uni<Publication> fail(Publication p, String reason) {
        Publication next = p.failed(reason, Instant.now());
        ObjectNode details = details(next).put("reason", reason).put("attempts", next.attempts()).put("polls", next.polls());
        AuditEntry entry = new AuditEntry("publication.failed", AuditEntry.FAILURE, next.themeId().toString(),
                next.widgetId(), next.id().toString(), null, details);
        return store.save(next, entry);
    }

    private ObjectNode details(Publication p) {
        // the instance shows which process did the step (several may share the database)
        return mapper.createObjectNode().put("requestedBy", p.requestedBy()).put("instance", store.owner())
                .put("versionTag", p.versionTag())
                .put("version", p.themeVersion()).put("cxoneThemeId", p.cxoneThemeId().toString());
    }
}
