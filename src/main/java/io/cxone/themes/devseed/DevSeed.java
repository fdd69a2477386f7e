package io.cxone.themes.devseed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.audit.Caller;
import io.cxone.themes.channels.ChannelService;
import io.cxone.themes.channels.WatchRequest;
import io.cxone.themes.idempotency.Once;
import io.cxone.themes.publish.Publication;
import io.cxone.themes.publish.PublicationService;
import io.cxone.themes.publish.PublishRequest;
import io.cxone.themes.theme.draft.DraftService;
import io.cxone.themes.theme.draft.DraftView;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The sample a dev start adds to an empty database ({@code app.dev-seed}, on only in the dev profile), so that a new
 * user's first look at the console shows every tab with something in it: the SPEC's "Enterprise Dark Mode" (valid, with
 * its one 1.4.11 warning), a variant that fails 1.4.3, that theme's version 1 published to two simulator widgets, and a
 * watched simulator channel linked to it (its first check runs as a job). Everything goes through the services the API
 * uses, so each write is validated and audited, with the service's own system actor and a request id naming the seed.
 * <p>
 * Only an empty database is seeded (no theme, publication, watch or audit event): a restart, or a database someone
 * has used, is left alone. A session-level advisory lock keeps two instances starting together on one database from
 * both seeding it.
 */
@ApplicationScoped
public class DevSeed {
    private static final Logger LOG = Logger.getLogger(DevSeed.class);
    static final String RESOURCE = "/dev-seed.json";
    /** Any fixed number: the advisory lock that one seeding instance holds meanwhile. */
    private static final long LOCK = 0x5eed_7e3e_0001L;

    private final Pool pool;
    private final DraftService drafts;
    private final PublicationService publications;
    private final ChannelService channels;
    private final ObjectMapper mapper;

    DevSeed(Pool pool, DraftService drafts, PublicationService publications, ChannelService channels,
            ObjectMapper mapper) {
        this.pool = pool;
        this.drafts = drafts;
        this.publications = publications;
        this.channels = channels;
        this.mapper = mapper;
    }

    /** What one seeding wrote. */
    public record Seeded(UUID themeId, UUID failingId, List<UUID> publicationIds, UUID watchId) {
    }

    /**
     * Static, with the seed looked up only when it is on: every start but dev mode's (seed off) then makes no DevSeed,
     * and so not its ObjectMapper either (~480 Jackson classes, then loaded before the first 200 of readiness).
     */
    static void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = "app.dev-seed", defaultValue = "false") boolean enabled, Instance<DevSeed> seed) {
        if (enabled) {
            seed.get().seedInBackground();
        }
    }

    private void seedInBackground() {
        // not awaited: the start does not wait for the sample; its jobs (publications, the first channel check) run
        // when the engine claims them
        seedIfEmpty().subscribe().with(seeded -> {
            if (seeded != null) {
                LOG.infof("Dev seed: added the sample (theme 'Enterprise Dark Mode' %s, a failing variant, version 1 "
                        + "published to %s, a watched simulator channel) to the empty database; app.dev-seed=false "
                        + "(APP_DEV_SEED=false) starts without it", seeded.themeId(), String.join(" and ", widgets()));
            }
        }, failure -> LOG.warnf("Dev seed: the sample was not (fully) added: %s. The console works without it; to "
                + "try again, stop dev mode and delete the dev database (./data/postgres)", failure.toString()));
    }

    /** Seeds when the database is empty; answers what it wrote, or null when it left the database alone. */
    public Uni<Seeded> seedIfEmpty() {
        return pool.getConnection().chain(lockHolder -> lockHolder
                .query("SELECT pg_try_advisory_lock(" + LOCK + ")").execute()
                .chain(locked -> locked.iterator().next().getBoolean(0)
                        ? seedUnderLock(lockHolder).eventually(() -> unlock(lockHolder))
                        : Uni.createFrom().<Seeded>nullItem())
                .eventually(lockHolder::close));
    }

    private Uni<Seeded> seedUnderLock(SqlConnection c) {
        return c.query("SELECT NOT EXISTS (SELECT 1 FROM audit_events) AND NOT EXISTS (SELECT 1 FROM themes) "
                + "AND NOT EXISTS (SELECT 1 FROM publications) AND NOT EXISTS (SELECT 1 FROM channel_watches)")
                .execute().chain(rows -> rows.iterator().next().getBoolean(0) ? seed() : Uni.createFrom().nullItem());
    }

    private static Uni<Void> unlock(SqlConnection c) {
        return c.query("SELECT pg_advisory_unlock(" + LOCK + ")").execute().replaceWithVoid();
    }

    private Uni<Seeded> seed() {
        JsonNode sample = sample();
        Caller caller = Caller.system("dev-seed-" + UUID.randomUUID());
        ObjectNode source = mapper.createObjectNode().put("devSeed", "the sample a dev start adds to an empty database");
        // drafts saved through the API must pass AA; a failing one can only be stored as an import records a live look
        ObjectNode failingSource = source.deepCopy().put("why", "a failing variant to try the report's suggestions on");
        return drafts.create(sample.get("theme"), caller, "created", source, null, Once.none())
                .chain(theme -> drafts.create(sample.get("failingVariant"), caller, "imported", failingSource, null,
                        Once.none()).chain(failing -> publish(theme, caller).chain(published -> watch(sample, theme,
                                caller).map(watchId -> new Seeded(theme.id(), failing.id(), published, watchId)))));
    }

    private Uni<List<UUID>> publish(DraftView theme, Caller caller) {
        List<UUID> ids = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String widget : widgets()) {
            chain = chain.chain(() -> publications.request(widget, new PublishRequest(theme.id(), 1, null,
                    Publication.OnConflict.suffix, null), caller, Once.none()).invoke(p -> ids.add(p.request().id()))
                    .replaceWithVoid());
        }
        return chain.replaceWith(ids);
    }

    private Uni<UUID> watch(JsonNode sample, DraftView theme, Caller caller) {
        JsonNode ch = sample.get("channel");
        WatchRequest request = new WatchRequest(ch.get("brandId").asText(), ch.get("channelId").asText(),
                ch.get("env").asText(), ch.get("domain").asText(), ch.get("name").asText(), theme.id().toString(), null);
        return channels.create(request, caller, Once.none()).map(w -> w.id());
    }

    List<String> widgets() {
        List<String> widgets = new ArrayList<>();
        sample().get("widgets").forEach(w -> widgets.add(w.asText()));
        return widgets;
    }

    private JsonNode sample() {
        try (InputStream in = DevSeed.class.getResourceAsStream(RESOURCE)) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
