package io.cxone.themes.theme.draft;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.accessibility.ContrastCheck;
import io.cxone.themes.accessibility.Level;
import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.idempotency.Once;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.Problem;
import io.cxone.themes.theme.ThemeJsonReader;
import io.cxone.themes.theme.ThemeValidator;
import io.cxone.themes.theme.ValidationReport;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Drafts: every write validated, versioned and audited in one transaction; concurrent edits caught by If-Match. */
@ApplicationScoped
public class DraftService {
    private final Pool pool;
    private final DraftRepository repository;
    private final ThemeValidator validator;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final ObjectMapper contentMapper;

    DraftService(Pool pool, DraftRepository repository, ThemeValidator validator, AuditLog audit, ObjectMapper mapper) {
        this.pool = pool;
        this.repository = repository;
        this.validator = validator;
        this.audit = audit;
        this.mapper = mapper;
        // stored content leaves out absent optional fields (header, iconUrl) instead of keeping nulls
        this.contentMapper = mapper.copy().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    }

    /**
     * Creates a draft (version 1) from a theme body; {@code source} is {@code created} or {@code imported} (then with
     * the mapping's {@code importNotes} in the answer). The answer is read in the creating transaction: with an
     * Idempotency-Key it is stored in that same commit ({@link Once}).
     */
    public Uni<DraftView> create(JsonNode body, Caller caller, String source, JsonNode auditDetails, List<?> importNotes,
            Once<DraftView> once) {
        // an import records what customers see today, accessible or not: only field errors refuse it; publishing
        // validates again, so a failing theme is never sent to CXone
        Valid valid = validOrThrow(body, !"imported".equals(source));
        UUID id = UUID.randomUUID();
        Instant now = now();
        String hash = CanonicalJson.sha256(valid.content);
        ObjectNode details = mapper.createObjectNode().put("name", valid.name).put("version", 1).put("contentHash", hash);
        details.set("after", valid.content);
        if (auditDetails != null) {
            details.set("source", auditDetails);
        }
        String action = "imported".equals(source) ? "theme.imported" : "theme.created";
        return once.withTransaction(pool, tx -> repository.insertHead(tx, id, valid.name, source, now, caller.actor())
                .chain(() -> repository.insertVersion(tx, id, 1, valid.content, hash, now, caller.actor()))
                .chain(() -> audit.append(tx, caller, AuditEntry.forTheme(action, id.toString(), details)))
                .chain(() -> get(tx, id, valid.report))
                .map(draft -> importNotes == null ? draft : draft.withImportNotes(importNotes)));
    }

    /** A new version, unless the content is unchanged (then the draft is returned as it is: nothing was saved). */
    public Uni<DraftView> update(UUID id, JsonNode body, String ifMatch, Caller caller) {
        Valid valid = validOrThrow(body, true);
        String hash = CanonicalJson.sha256(valid.content);
        Instant now = now();
        return pool.withTransaction(tx -> live(tx, id, true).chain(current -> {
            Etags.requireMatch(ifMatch, current.version());
            if (current.contentHash().equals(hash)) {
                return Uni.createFrom().voidItem();
            }
            int next = current.version() + 1;
            ObjectNode details = mapper.createObjectNode().put("name", valid.name).put("fromVersion", current.version())
                    .put("version", next).put("contentHash", hash);
            details.set("before", current.content());
            details.set("after", valid.content);
            return repository.insertVersion(tx, id, next, valid.content, hash, now, caller.actor())
                    .chain(() -> repository.updateHead(tx, id, valid.name, next, now, caller.actor()))
                    .chain(() -> audit.append(tx, caller, AuditEntry.forTheme("theme.updated", id.toString(), details)))
                    .replaceWithVoid();
        })).chain(() -> get(pool, id, valid.report));
    }

    /** Marks the draft deleted; its versions stay (immutable) for the audit trail. */
    public Uni<Void> delete(UUID id, String ifMatch, Caller caller) {
        Instant now = now();
        return pool.withTransaction(tx -> live(tx, id, true).chain(current -> {
            Etags.requireMatch(ifMatch, current.version());
            ObjectNode details = mapper.createObjectNode().put("name", current.name()).put("version", current.version())
                    .put("contentHash", current.contentHash());
            return repository.markDeleted(tx, id, now, caller.actor())
                    .chain(() -> audit.append(tx, caller, AuditEntry.forTheme("theme.deleted", id.toString(), details)))
                    .replaceWithVoid();
        }));
    }

    public Uni<DraftView> get(UUID id) {
        // the report is CPU work: off the event loop that completes the query
        return live(pool, id, false).emitOn(Infrastructure.getDefaultWorkerPool())
                .map(row -> DraftView.of(row, validator.validate(row.content(), Level.AA)));
    }

    public Uni<Page<DraftView>> list(PageRequest request) {
        // each draft's report is CPU work: off the event loop that completes the queries
        return repository.page(pool, request.offset(), request.size())
                .chain(rows -> repository.countLive(pool).emitOn(Infrastructure.getDefaultWorkerPool()).map(total -> Page.of(
                        rows.stream().map(row -> DraftView.listItem(row, validator.validate(row.content(), Level.AA))).toList(),
                        request, total)));
    }

    public Uni<List<VersionView>> versions(UUID id) {
        return exists(id).chain(() -> repository.versions(pool, id));
    }

    public Uni<VersionView> version(UUID id, int version) {
        return exists(id).chain(() -> repository.version(pool, id, version)).map(found -> found.orElseThrow(
                () -> ApiException.notFound("theme " + id + " has no version " + version + "; GET /api/v1/themes/"
                        + id + "/versions lists them")));
    }

    /** Field-level changes from version {@code from} to version {@code to} of one theme. */
    public Uni<DiffView> diff(UUID id, int from, int to) {
        return version(id, from).chain(older -> version(id, to).map(newer -> DiffView.of(id, older, newer)));
    }

    private Uni<DraftView> get(SqlClient client, UUID id, ValidationReport report) {
        return live(client, id, false).map(row -> DraftView.of(row, report));
    }

    /** Versions outlive their draft, so they are readable for any theme that ever existed. */
    private Uni<Void> exists(UUID id) {
        return repository.find(pool, id, false).map(found -> found.orElseThrow(() -> notFound(id))).replaceWithVoid();
    }

    private Uni<DraftRow> live(SqlClient client, UUID id, boolean forUpdate) {
        return repository.find(client, id, forUpdate).map(found -> {
            DraftRow row = found.orElseThrow(() -> notFound(id));
            if (row.deleted()) {
                throw ApiException.notFound("theme " + id + " was deleted at " + row.deletedAt()
                        + "; its versions remain at /api/v1/themes/" + id + "/versions");
            }
            return row;
        });
    }

    private Valid validOrThrow(JsonNode body, boolean requireAccessible) {
        ValidationReport report = validator.validate(body, Level.AA);
        if (requireAccessible ? !report.valid() : !report.errors().isEmpty()) {
            long failing = report.contrast().stream().filter(c -> !c.passes() && c.severity() == ContrastCheck.Severity.error).count();
            throw new ApiException(Problem.of(400, "Bad Request", "the theme is invalid (" + report.errors().size()
                    + " field errors, " + failing + " failing contrast checks); nothing was saved: fix what the report "
                    + "lists (each failing pair has a suggested colour) and send it again")
                    .withErrors(report.errors()).withReport(report));
        }
        var theme = ThemeJsonReader.read(body).theme();
        return new Valid(theme.name(), contentMapper.valueToTree(theme), report);
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("no theme " + id + "; GET /api/v1/themes lists the drafts");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS); // what timestamptz keeps
    }

    private record Valid(String name, JsonNode content, ValidationReport report) {
    }
}
