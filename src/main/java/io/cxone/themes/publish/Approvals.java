package io.cxone.themes.publish;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cxone.themes.audit.AuditEntry;
import io.cxone.themes.governance.Admission;
import io.cxone.themes.governance.Policies;
import io.cxone.themes.audit.AuditLog;
import io.cxone.themes.audit.Caller;
import io.cxone.themes.problem.ApiException;
import io.cxone.themes.problem.ErrorCode;
import io.cxone.themes.problem.FieldError;
import io.cxone.themes.problem.Problem;
import io.cxone.themes.web.Page;
import io.cxone.themes.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Four eyes: approvals and rejections of pending publications by people other than the requester. Each decision, the
 * publication's change and its audit event (naming the requester and every approver) commit together; the last
 * approval finds the start anew from the widget's current policy (its windows) and the request's notBefore.
 */
@ApplicationScoped
public class Approvals {
    private final Pool pool;
    private final ApprovalRepository repository;
    private final PublicationDecisions decisions;
    private final Policies policies;
    private final AuditLog audit;
    private final ObjectMapper mapper;

    Approvals(Pool pool, ApprovalRepository repository, PublicationDecisions decisions, Policies policies,
            AuditLog audit, ObjectMapper mapper) {
        this.pool = pool;
        this.repository = repository;
        this.decisions = decisions;
        this.policies = policies;
        this.audit = audit;
        this.mapper = mapper;
    }

    Uni<Publication> approve(UUID id, Caller caller) {
        return pool.withTransaction(tx -> decisions.lockPending(tx, id).chain(pending -> {
            refuseSamePerson(pending, caller, "approve");
            return repository.record(tx, id, caller.actor(), "approved", null)
                    .chain(() -> decisions.reread(tx, id))
                    .chain(approved -> approved.progress().approvedBy().size() < approved.progress().approvalsRequired()
                            ? Uni.createFrom().item(approved) : proceed(tx, approved))
                    .call(after -> audit.append(tx, caller, entry("publication.approved", AuditEntry.SUCCESS, after,
                            details(after).put("approver", caller.actor()))));
        })).invoke(decisions::announce);
    }

    Uni<Publication> reject(UUID id, String reason, Caller caller) {
        return pool.withTransaction(tx -> decisions.lockPending(tx, id).chain(pending -> {
            refuseSamePerson(pending, caller, "reject");
            return repository.record(tx, id, caller.actor(), "rejected", reason)
                    .chain(() -> decisions.reject(tx, id, caller.actor(), reason))
                    .call(after -> audit.append(tx, caller, entry("publication.rejected", AuditEntry.SUCCESS, after,
                            details(after).put("rejectedBy", caller.actor()).put("reason", reason))));
        })).invoke(decisions::announce);
    }

    Uni<Page<Publication>> awaiting(Caller caller, PageRequest request) {
        return decisions.awaiting(caller.actor(), request);
    }

    /** All approvals are in: QUEUED now, or SCHEDULED for the next window start at or after its notBefore. */
    private Uni<Publication> proceed(SqlClient tx, Publication approved) {
        return policies.forWidget(tx, approved.widgetId()).chain(policy -> {
            Instant now = Instant.now();
            return decisions.proceed(tx, approved.id(), Admission.start(policy, now, approved.progress().notBefore()),
                    now);
        });
    }

    /** Four eyes: the requester never decides on their own publication, and one person counts once. */
    private static void refuseSamePerson(Publication p, Caller caller, String verb) {
        String why = caller.actor().equals(p.request().requestedBy()) ? "you requested publication " + p.id()
                : p.progress().approvedBy().contains(caller.actor()) ? "you approved publication " + p.id() + " already"
                        : null;
        if (why != null) {
            String message = why + "; another person with role theme-approver must " + verb + " it ("
                    + p.progress().approvedBy().size() + " of " + p.progress().approvalsRequired() + " approvals so far)";
            throw new ApiException(Problem.of(403, "Forbidden", message).withErrors(List.of(
                    new FieldError("id", ErrorCode.SAME_PERSON, message))));
        }
    }

    private ObjectNode details(Publication p) {
        ObjectNode details = mapper.createObjectNode().put("requestedBy", p.request().requestedBy())
                .put("state", p.state().name()).put("approvalsRequired", p.progress().approvalsRequired())
                .put("version", p.request().themeVersion()).put("versionTag", p.progress().versionTag());
        details.set("approvedBy", mapper.valueToTree(p.progress().approvedBy()));
        if (p.progress().runAt() != null) {
            details.put("runAt", p.progress().runAt().toString());
        }
        return details;
    }

    private static AuditEntry entry(String action, String outcome, Publication p, ObjectNode details) {
        return new AuditEntry(action, outcome, p.request().themeId().toString(), p.widgetId(), p.id().toString(), null,
                details);
    }
}
