package io.cxone.themes.assignment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.cxone.CxoneClient;
import io.cxone.themes.cxone.WireDtos.CxoneAssignment;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.publish.PublicationQueries.PublicationRef;
import io.cxone.themes.publish.PublicationQueries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Assignment writes (checked, sent to CXone, then recorded and audited in one transaction) and resolution from what
 * we recorded.
 */
@ApplicationScoped
public class StoredAssignments {
    private final Pool pool;
    private final AssignmentStore store;
    private final PublicationQueries publications;
    private final CxoneClient cxone;
    private final AuditLog audit;
    private final ObjectMapper mapper;

    StoredAssignments(Pool pool, AssignmentStore store, PublicationQueries publications, CxoneClient cxone,
            AuditLog audit, ObjectMapper mapper) {
        this.pool = pool;
        this.store = store;
        this.publications = publications;
        this.cxone = cxone;
        this.audit = audit;
        this.mapper = mapper;
    }

    public Uni<StoredAssignment> put(String widgetId, AssignmentRequest request, Caller caller) {
        List<Variant> checked = VariantRules.check(request);
        List<UUID> ids = new ArrayList<>(new LinkedHashSet<>(checked.stream().map(Variant::publicationId).toList()));
        return publications.find(pool, ids).map(found -> withThemes(widgetId, checked, found))
                // CXone first: we record only what CXone accepted (its failure leaves our record as it was)
                .call(variants -> cxone.putAssignments(widgetId, variants.stream().map(v -> new CxoneAssignment(
                        v.cxoneThemeId().toString(), v.segmentId(), v.geoRegion(), v.trafficWeight())).toList()))
                .chain(variants -> record(widgetId, variants, caller))
                .chain(() -> load(widgetId));
    }

    public Uni<Resolution> resolve(String widgetId, String visitorId, String segment, String geo) {
        return load(widgetId).map(stored -> {
            var group = Resolver.group(stored.variants(), segment, geo).orElseThrow(() -> ApiException.notFound(
                    "widget " + widgetId + " has no variants for segment " + segment + " and region " + geo
                            + " and no default group; add a variant without segmentId and geoRegion"));
            double bucket = Resolver.bucket(widgetId, visitorId);
            Variant v = Resolver.pick(stored.variants(), group, bucket);
            return new Resolution(widgetId, visitorId, v.publicationId(), v.cxoneThemeId(), v.segmentId(),
                    v.geoRegion(), v.trafficWeight(), bucket);
        });
    }

    public Uni<StoredAssignment> load(String widgetId) {
        return store.load(pool, widgetId).map(found -> found.orElseThrow(() -> ApiException.notFound(
                "widget " + widgetId + " has no stored assignment; PUT /api/v1/widgets/" + widgetId
                        + "/assignments with its variants first (GET .../assignments shows what CXone holds)")));
    }

    private Uni<Void> record(String widgetId, List<Variant> variants, Caller caller) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(tx -> store.lock(tx, widgetId)
                .chain(() -> store.load(tx, widgetId))
                .chain(before -> {
                    ObjectNode details = mapper.createObjectNode();
                    details.set("before", mapper.valueToTree(before.map(StoredAssignment::variants).orElse(List.of())));
                    details.set("after", mapper.valueToTree(variants));
                    return store.replace(tx, widgetId, variants, now, caller.actor())
                            .chain(() -> audit.append(tx, caller, new AuditEntry("assignment.updated",
                                    AuditEntry.SUCCESS, null, widgetId, null, null, details)));
                })).replaceWithVoid();
    }

    /** Every publication must be ACTIVE on this very widget; its CXone theme id is what CXone assigns. */
    private static List<Variant> withThemes(String widgetId, List<Variant> variants, Map<UUID, PublicationRef> found) {
        List<FieldError> errors = new ArrayList<>();
        List<Variant> out = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            PublicationRef p = found.get(v.publicationId());
            String path = "variants[" + i + "].publicationId";
            if (p == null) {
                errors.add(new FieldError(path, ErrorCode.NOT_FOUND, "no publication " + v.publicationId()
                        + "; GET /api/v1/widgets/" + widgetId + "/publications lists this widget's publications"));
            } else if (!widgetId.equals(p.widgetId())) {
                errors.add(new FieldError(path, ErrorCode.WIDGET, "publication " + p.id() + " belongs to widget " + p.widgetId()
                        + ", not " + widgetId + "; publish the theme to " + widgetId + " first"));
            } else if (!p.active()) {
                errors.add(new FieldError(path, ErrorCode.STATE, "publication " + p.id() + " is " + p.state()
                        + ", not ACTIVE; wait until it is ACTIVE or choose an ACTIVE publication"));
            } else {
                out.add(v.withTheme(p.cxoneThemeId()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("some variants do not name an ACTIVE publication of widget " + widgetId
                    + "; nothing was sent to CXone", errors);
        }
        return out;
    }
}
